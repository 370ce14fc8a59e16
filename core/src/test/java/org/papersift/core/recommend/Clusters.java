package org.papersift.core.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic paper vectors in topics: each a unit vector near its topic's centre, all sharing a
 * strong common component as real sentence embeddings do (any two abstracts have a cosine well
 * above zero).
 */
final class Clusters {
  static final int DIM = 384;
  private final Random random;
  private final float[] common;
  private final List<float[]> centres = new ArrayList<>();

  Clusters(long seed, int topics) {
    random = new Random(seed);
    common = gaussian();
    for (int t = 0; t < topics; t++) {
      centres.add(gaussian());
    }
  }

  /** A unit vector of {@code topic}: common + centre + noise, normalized. */
  float[] member(int topic) {
    float[] c = centres.get(topic);
    float[] noise = gaussian();
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = 1.5f * common[i] + 0.8f * c[i] + 0.9f * noise[i];
    }
    return unit(v);
  }

  List<float[]> members(int topic, int n) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(member(topic));
    }
    return out;
  }

  /** {@code n} members of topics other than {@code except}, round robin. */
  List<float[]> others(int except, int n) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0, t = 0; i < n; t++) {
      if (t % centres.size() != except) {
        out.add(member(t % centres.size()));
        i++;
      }
    }
    return out;
  }

  private float[] gaussian() {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return unit(v);
  }

  static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }
}
