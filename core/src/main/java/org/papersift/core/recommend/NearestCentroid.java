package org.papersift.core.recommend;

import java.util.List;
import java.util.Optional;

/**
 * The baseline a learned model has to beat: rank papers by cosine similarity to the mean of the
 * reader's paper vectors. Expressed as a {@link UserModel} (the mean scaled to length 1, bias 0),
 * so on unit vectors its score is exactly that cosine.
 */
public final class NearestCentroid {
  private NearestCentroid() {}

  /** The centroid model of {@code positives}; empty when there are none. */
  public static Optional<UserModel> fit(List<float[]> positives) {
    if (positives.isEmpty()) {
      return Optional.empty();
    }
    int d = Vectors.dimension(positives, 0, "positives");
    double[] sum = new double[d];
    for (float[] v : positives) {
      for (int i = 0; i < d; i++) {
        sum[i] += v[i];
      }
    }
    double norm = 0;
    for (double x : sum) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] w = new float[d];
    for (int i = 0; i < d && norm > 0; i++) {
      w[i] = (float) (sum[i] / norm);
    }
    return Optional.of(new UserModel(w, 0f, positives.size()));
  }
}
