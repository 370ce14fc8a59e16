package org.papersift.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  static Fusion.Scored s(String id, float score) {
    return new Fusion.Scored(id, id, score);
  }

  @Test
  void convexScalesEachListAndWeighsThem() {
    Fusion f = new Fusion(Fusion.Method.CONVEX, Fusion.Normalization.MINMAX, 0.25f, 60, 100);
    List<Fusion.Scored> fused = f.fuse(
        List.of(s("a", 10), s("b", 6), s("c", 2)),     // keyword: a=1, b=0.5, c=0
        List.of(s("c", 0.9f), s("b", 0.8f), s("d", 0.5f))); // dense: c=1, b=0.75, d=0
    // a: 0.75*1 = 0.75; b: 0.75*0.5 + 0.25*0.75 = 0.5625; c: 0 + 0.25 = 0.25; d: 0
    assertThat(fused).extracting(Fusion.Scored::id).containsExactly("a", "b", "c", "d");
    assertThat(fused.get(1).score()).isCloseTo(0.5625f, within(1e-6f));
  }

  @Test
  void rrfUsesRanksOnly() {
    Fusion f = new Fusion(Fusion.Method.RRF, Fusion.Normalization.MINMAX, 0.5f, 60, 100);
    List<Fusion.Scored> fused = f.fuse(List.of(s("a", 100), s("b", 1)),
        List.of(s("b", 0.99f), s("c", 0.98f)));
    assertThat(fused).extracting(Fusion.Scored::id).containsExactly("b", "a", "c");
    assertThat(fused.get(0).score()).isCloseTo(1f / 62 + 1f / 61, within(1e-7f));
  }

  @Test
  void oneEmptyListLeavesTheOtherOrder() {
    Fusion f = Fusion.DEFAULT;
    assertThat(f.fuse(List.of(s("x", 3), s("y", 1)), List.of()))
        .extracting(Fusion.Scored::id).containsExactly("x", "y");
  }
}
