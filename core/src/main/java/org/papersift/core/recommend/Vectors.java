package org.papersift.core.recommend;

import java.util.List;

/** Dot products and checks shared by the model classes. */
final class Vectors {
  private Vectors() {}

  /** Σ a[i]·b[i] over b's length, in double. */
  static double dot(float[] a, float[] b) {
    return dotRow(a, 0, b);
  }

  /**
   * The dot product of {@code w} and the {@code w.length} floats of {@code rows} from {@code
   * offset} (one row of a flat matrix). Four running sums: about twice as fast as one, and the
   * same order every run, so results repeat exactly.
   */
  static double dotRow(float[] rows, int offset, float[] w) {
    int n = w.length;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += (double) rows[offset + i] * w[i];
      s1 += (double) rows[offset + i + 1] * w[i + 1];
      s2 += (double) rows[offset + i + 2] * w[i + 2];
      s3 += (double) rows[offset + i + 3] * w[i + 3];
    }
    for (; i < n; i++) {
      s0 += (double) rows[offset + i] * w[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** As {@link #dotRow(float[], int, float[])} with double weights. */
  static double dotRow(float[] rows, int offset, double[] w, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += rows[offset + i] * w[i];
      s1 += rows[offset + i + 1] * w[i + 1];
      s2 += rows[offset + i + 2] * w[i + 2];
      s3 += rows[offset + i + 3] * w[i + 3];
    }
    for (; i < n; i++) {
      s0 += rows[offset + i] * w[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The common dimension of {@code vectors} (a fallback when empty); throws on a mismatch. */
  static int dimension(List<float[]> vectors, int whenEmpty, String what) {
    int d = vectors.isEmpty() ? whenEmpty : vectors.get(0).length;
    for (float[] v : vectors) {
      if (v == null) {
        throw new IllegalArgumentException(what + ": a vector is missing (null)");
      }
      if (v.length != d) {
        throw new IllegalArgumentException(what + ": vectors of " + d + " and " + v.length
            + " dimensions mixed; one embedding model per training");
      }
    }
    if (d < 1) {
      throw new IllegalArgumentException(what + ": vectors have no dimensions");
    }
    return d;
  }
}
