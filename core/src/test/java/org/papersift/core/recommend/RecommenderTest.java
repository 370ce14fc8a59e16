package org.papersift.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecommenderTest {
  private final Recommender recommender = new Recommender();

  /** Positives of topic 0 against others; held-out topic-0 papers must all outrank the rest. */
  @Test
  void ranksHeldOutTopicMembersAboveOtherPapers() {
    Clusters c = new Clusters(1, 8);
    UserModel m = recommender.train(c.members(0, 10), c.others(0, 200)).orElseThrow();
    assertThat(m.positives()).isEqualTo(10);
    assertThat(m.dimension()).isEqualTo(Clusters.DIM);
    double lowestHeldOut = c.members(0, 30).stream().mapToDouble(m::score).min().orElseThrow();
    double highestOther = c.others(0, 300).stream().mapToDouble(m::score).max().orElseThrow();
    assertThat(lowestHeldOut).isGreaterThan(highestOther);
  }

  @Test
  void oneSavedPaperIsEnoughToStart() {
    Clusters c = new Clusters(2, 8);
    UserModel m = recommender.train(c.members(3, 1), c.others(3, 200)).orElseThrow();
    assertThat(m.positives()).isEqualTo(1);
    List<float[]> heldOut = c.members(3, 20);
    List<float[]> others = c.others(3, 400);
    // With one example the picture is blurry: most of the topic still comes first.
    assertThat(auc(m, heldOut, others)).isGreaterThan(0.95);
  }

  @Test
  void noPositivesMeansNothingToLearn() {
    Clusters c = new Clusters(3, 4);
    assertThat(recommender.train(List.of(), c.others(0, 50))).isEmpty();
    assertThat(NearestCentroid.fit(List.of())).isEmpty();
  }

  @Test
  void sameInputsGiveTheSameModelBitForBit() {
    Clusters c = new Clusters(4, 6);
    List<float[]> pos = c.members(1, 7);
    List<float[]> neg = c.others(1, 140);
    UserModel a = recommender.train(pos, neg).orElseThrow();
    UserModel b = recommender.train(pos, neg).orElseThrow();
    assertThat(a).isEqualTo(b);
    assertThat(a.toBytes()).isEqualTo(b.toBytes());
  }

  @Test
  void rejectsMixedDimensionsAndPositivesWithoutNegatives() {
    Clusters c = new Clusters(5, 3);
    List<float[]> pos = new ArrayList<>(c.members(0, 2));
    pos.add(new float[10]);
    assertThatThrownBy(() -> recommender.train(pos, c.others(0, 10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("384 and 10");
    assertThatThrownBy(() -> recommender.train(c.members(0, 2), List.of(new float[5])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions");
    assertThatThrownBy(() -> recommender.train(c.members(0, 2), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  /**
   * One dimension, positive at +1 and negative at -1: by symmetry the bias is 0 and the weight
   * solves loss'(w) = -1/(1 + e^w) + l2·w = 0, found here by bisection.
   */
  @Test
  void reachesTheOptimumOfTheRegularizedLoss() {
    for (double l2 : new double[] {0.001, 0.01, 0.1, 1}) {
      UserModel m = new Recommender(Recommender.DEFAULTS.withL2(l2))
          .train(List.of(new float[] {1f}), List.of(new float[] {-1f})).orElseThrow();
      double lo = 0;
      double hi = 1e4;
      for (int i = 0; i < 200; i++) {
        double mid = (lo + hi) / 2;
        if (-1 / (1 + Math.exp(mid)) + l2 * mid < 0) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      assertThat((double) m.weights()[0]).as("l2 " + l2).isCloseTo(lo, within(1e-4 * lo));
      assertThat((double) m.bias()).as("l2 " + l2).isCloseTo(0, within(1e-5));
    }
  }

  /**
   * The bias is not regularized, so moving every vector by the same offset s only moves the bias,
   * by -w·s: the weights are those of the unmoved problem.
   */
  @Test
  void aCommonOffsetMovesOnlyTheBias() {
    Clusters c = new Clusters(6, 5);
    List<float[]> pos = c.members(0, 4);
    List<float[]> neg = c.others(0, 60);
    float[] offset = c.member(4);
    UserModel plain = recommender.train(pos, neg).orElseThrow();
    UserModel moved = recommender.train(shift(pos, offset), shift(neg, offset)).orElseThrow();
    float[] w = plain.weights();
    float[] w2 = moved.weights();
    double ws = 0;
    for (int i = 0; i < w.length; i++) {
      assertThat(w2[i]).isCloseTo(w[i], within(1e-3f * Math.max(1f, Math.abs(w[i]))));
      ws += w[i] * offset[i];
    }
    assertThat((double) moved.bias()).isCloseTo(plain.bias() - ws, within(1e-3));
  }

  private static List<float[]> shift(List<float[]> vectors, float[] offset) {
    return vectors.stream().map(v -> {
      float[] out = v.clone();
      for (int i = 0; i < out.length; i++) {
        out[i] += offset[i];
      }
      return out;
    }).toList();
  }

  /** Class weighting: ten copies of the negative weigh as much as one. */
  @Test
  void eachClassWeighsTheSameWhateverItsSize() {
    UserModel one = recommender.train(List.of(new float[] {1f, 0f}),
        List.of(new float[] {0f, 1f})).orElseThrow();
    List<float[]> tenNegatives = IntStream.range(0, 10).mapToObj(i -> new float[] {0f, 1f})
        .toList();
    UserModel ten = recommender.train(List.of(new float[] {1f, 0f}), tenNegatives).orElseThrow();
    assertThat(ten.weights()[0]).isCloseTo(one.weights()[0], within(1e-4f));
    assertThat(ten.weights()[1]).isCloseTo(one.weights()[1], within(1e-4f));
    assertThat(ten.bias()).isCloseTo(one.bias(), within(1e-4f));
  }

  @Test
  void negativeCountIsTwentyPerPositiveWithinBounds() {
    assertThat(recommender.negativeCount(1)).isEqualTo(200);
    assertThat(recommender.negativeCount(10)).isEqualTo(200);
    assertThat(recommender.negativeCount(30)).isEqualTo(600);
    assertThat(recommender.negativeCount(5_000)).isEqualTo(2_000);
  }

  @Test
  void negativesAreAUniformStableSampleWithoutThePositives() {
    List<Integer> pool = IntStream.range(0, 100).boxed().toList();
    Set<Integer> exclude = Set.of(0, 1, 2, 3, 4);
    List<Integer> a = Recommender.sampleNegatives(pool, exclude, 30, 42);
    assertThat(a).hasSize(30).doesNotHaveDuplicates().doesNotContainAnyElementsOf(exclude);
    assertThat(Recommender.sampleNegatives(pool, exclude, 30, 42)).isEqualTo(a);
    assertThat(Recommender.sampleNegatives(pool, exclude, 30, 43)).isNotEqualTo(a);
    assertThat(Recommender.sampleNegatives(pool, exclude, 500, 42))
        .containsExactlyInAnyOrderElementsOf(pool.subList(5, 100));
    assertThat(Recommender.sampleNegatives(List.of(), exclude, 10, 42)).isEmpty();
    // Uniform: over many seeds each of the 95 items is drawn about 10/95 of the time.
    Map<Integer, Integer> drawn = new HashMap<>();
    for (int seed = 0; seed < 2_000; seed++) {
      for (int x : Recommender.sampleNegatives(pool, exclude, 10, seed)) {
        drawn.merge(x, 1, Integer::sum);
      }
    }
    assertThat(drawn).hasSize(95);
    assertThat(drawn.values()).allSatisfy(n -> assertThat(n).isBetween(130, 300)); // mean 210
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> Recommender.DEFAULTS.withL2(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("l2");
    assertThatThrownBy(() -> new Recommender.Settings(0.1, 20, 10, 5, 100, 1e-6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum");
  }

  /** Share of (held-out, other) pairs the model orders right. */
  static double auc(UserModel m, List<float[]> heldOut, List<float[]> others) {
    long right = 0;
    for (float[] h : heldOut) {
      double sh = m.score(h);
      for (float[] o : others) {
        if (sh > m.score(o)) {
          right++;
        }
      }
    }
    return (double) right / ((long) heldOut.size() * others.size());
  }
}
