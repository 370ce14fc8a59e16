package org.papersift.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserModelTest {
  @Test
  void scoreIsWeightsDotVectorPlusBias() {
    UserModel m = new UserModel(new float[] {0.5f, -1f, 2f}, 0.25f, 3);
    assertThat(m.score(new float[] {1f, 1f, 1f})).isCloseTo(1.75, within(1e-9));
    assertThatThrownBy(() -> m.score(new float[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 dimensions");
    float[] rows = {9f, 1f, 1f, 1f, 0f, 0f, 1f};
    assertThat(m.score(rows, 1)).isCloseTo(1.75, within(1e-9));
    assertThat(m.score(rows, 4)).isCloseTo(2.25, within(1e-9));
    assertThatThrownBy(() -> m.score(rows, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at 5 in 7 floats");
  }

  @Test
  void bytesRoundTripExactly() {
    UserModel m = new UserModel(new float[] {0.1f, -3.5f, Float.MIN_VALUE, 7e20f}, -0.75f, 12);
    byte[] b = m.toBytes();
    assertThat(b).hasSize(13 + 16);
    assertThat(UserModel.fromBytes(b)).isEqualTo(m);
    assertThatThrownBy(() -> UserModel.fromBytes(new byte[] {9, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 1");
    byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
    assertThatThrownBy(() -> UserModel.fromBytes(cut))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 29 bytes");
  }

  @Test
  void weightsAreCopiedInAndOut() {
    float[] w = {1f, 2f};
    UserModel m = new UserModel(w, 0f, 1);
    w[0] = 99f;
    m.weights()[1] = 99f;
    assertThat(m.weights()).containsExactly(1f, 2f);
  }

  @Test
  void directionIsTheUnitWeightVector() {
    UserModel m = new UserModel(new float[] {3f, 4f}, 5f, 1);
    assertThat(m.direction()).containsExactly(0.6f, 0.8f);
    assertThat(new UserModel(new float[] {0f, 0f}, 0f, 1).direction()).containsExactly(0f, 0f);
  }

  @Test
  void rejectsNonFiniteWeights() {
    assertThatThrownBy(() -> new UserModel(new float[] {Float.NaN}, 0f, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    assertThatThrownBy(() -> new UserModel(new float[0], 0f, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nearestCentroidScoresTheCosineToTheMean() {
    float[] a = {1f, 0f, 0f};
    float[] b = {0f, 1f, 0f};
    UserModel c = NearestCentroid.fit(List.of(a, b)).orElseThrow();
    assertThat(c.bias()).isZero();
    assertThat(c.positives()).isEqualTo(2);
    double r = Math.sqrt(0.5);
    assertThat(c.score(a)).isCloseTo(r, within(1e-6));
    assertThat(c.score(new float[] {0f, 0f, 1f})).isCloseTo(0, within(1e-9));
    assertThat(c.score(Clusters.unit(new float[] {1f, 1f, 0f}))).isCloseTo(1, within(1e-6));
  }

  @Test
  void centroidRanksHeldOutTopicMembersFirstToo() {
    Clusters c = new Clusters(7, 8);
    UserModel m = NearestCentroid.fit(c.members(2, 10)).orElseThrow();
    assertThat(RecommenderTest.auc(m, c.members(2, 30), c.others(2, 300))).isGreaterThan(0.99);
  }
}
