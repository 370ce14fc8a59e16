package org.papersift.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

  @Test
  void nearestRankPercentilesOnOneToHundred() {
    List<Long> values = new ArrayList<>();
    for (long v = 1; v <= 100; v++) {
      values.add(v);
    }
    Collections.shuffle(values, new Random(7));
    LatencyStats s = new LatencyStats();
    values.forEach(s::record);
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p95()).isEqualTo(95);
    assertThat(s.p99()).isEqualTo(99);
    assertThat(s.percentile(100)).isEqualTo(100);
    assertThat(s.max()).isEqualTo(100);
    assertThat(s.mean()).isEqualTo(50.5);
  }

  @Test
  void percentilesAreMeasuredSamplesNotInterpolations() {
    LatencyStats s = new LatencyStats();
    for (long v : new long[] {30, 10, 20}) {
      s.record(v);
    }
    assertThat(s.p50()).isEqualTo(20); // rank ceil(1.5) = 2
    assertThat(s.p95()).isEqualTo(30); // rank ceil(2.85) = 3
    assertThat(s.p99()).isEqualTo(30);
    assertThat(s.percentile(33)).isEqualTo(10); // rank ceil(0.99) = 1
    assertThat(s.percentile(34)).isEqualTo(20); // rank ceil(1.02) = 2

    LatencyStats ten = new LatencyStats();
    for (long v = 1; v <= 10; v++) {
      ten.record(v * 1_000_000);
    }
    assertThat(ten.p95()).isEqualTo(10_000_000); // linear interpolation would say 9.55 ms
    assertThat(ten.p50()).isEqualTo(5_000_000);
  }

  @Test
  void recordingAfterReadingKeepsResultsCorrect() {
    LatencyStats s = new LatencyStats();
    s.record(5);
    assertThat(s.max()).isEqualTo(5);
    s.record(1);
    s.record(9);
    assertThat(s.p50()).isEqualTo(5);
    assertThat(s.max()).isEqualTo(9);
    assertThat(s.mean()).isEqualTo(5.0);
  }

  @Test
  void throughputUsesWallTime() {
    LatencyStats s = new LatencyStats();
    for (int i = 0; i < 300; i++) {
      s.record(1_000 + i);
    }
    assertThat(s.throughputPerSecond(2_000_000_000L)).isEqualTo(150.0);
    LatencyStats.Summary sum = s.summary(3_000_000_000L);
    assertThat(sum).isEqualTo(new LatencyStats.Summary(300, 1_149, 1_284, 1_296, 1_149.5,
        1_299, 100.0));
  }

  @Test
  void growsBeyondTheInitialCapacity() {
    LatencyStats s = new LatencyStats();
    for (int i = 1000; i >= 1; i--) {
      s.record(i);
    }
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p99()).isEqualTo(990);
    assertThat(s.max()).isEqualTo(1000);
  }

  @Test
  void refusesEmptyStatsNegativeSamplesAndBadArguments() {
    LatencyStats s = new LatencyStats();
    assertThatThrownBy(s::p50).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no latency samples");
    assertThatThrownBy(s::mean).isInstanceOf(IllegalStateException.class);
    assertThat(s.throughputPerSecond(1)).isZero();
    assertThatThrownBy(() -> s.record(-1)).isInstanceOf(IllegalArgumentException.class);
    s.record(1);
    assertThatThrownBy(() -> s.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.throughputPerSecond(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
