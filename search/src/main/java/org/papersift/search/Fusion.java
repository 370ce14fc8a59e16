package org.papersift.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How hybrid search merges the keyword ranking and the vector ranking of the same query.
 * CONVEX: each list's scores are normalized ({@link Normalization}) over its own candidates, then
 * {@code weight * dense + (1 - weight) * keyword}, a missing score counting 0. RRF: reciprocal
 * rank fusion, {@code sum 1 / (k + rank)}, which ignores score gaps. The defaults were chosen on
 * the SciFact train queries (docs/benchmarks.md).
 *
 * @param depth candidates taken from each ranking
 */
public record Fusion(Method method, Normalization normalization, float weight, int rrfK,
    int depth) {
  public enum Method { CONVEX, RRF }

  /**
   * MINMAX: (s - min) / (max - min) over the list. MAX: s / max, as if the lowest possible score
   * were 0 (BM25's and the dot product's floor), so a list whose scores are all close keeps them
   * close. ZSCORE: (s - mean) / standard deviation.
   */
  public enum Normalization { MINMAX, MAX, ZSCORE }

  public static final Fusion DEFAULT = new Fusion(Method.CONVEX, Normalization.MINMAX, 0.5f, 60,
      100);

  public Fusion {
    if (!(weight >= 0 && weight <= 1) || rrfK < 1 || depth < 1) {
      throw new IllegalArgumentException("bad fusion settings: weight " + weight + ", k " + rrfK
          + ", depth " + depth);
    }
  }

  public Fusion withWeight(float w) {
    return new Fusion(method, normalization, w, rrfK, depth);
  }

  /** A candidate from one ranking. */
  public record Scored(String id, String title, float score) {}

  /** Fuses two rankings (best first) into one, best first. */
  public List<Scored> fuse(List<Scored> keyword, List<Scored> dense) {
    Map<String, float[]> parts = new HashMap<>();
    Map<String, String> titles = new HashMap<>();
    add(parts, titles, keyword, 0);
    add(parts, titles, dense, 1);
    List<Scored> out = new ArrayList<>(parts.size());
    parts.forEach((id, p) -> out.add(new Scored(id, titles.get(id), p[0] + p[1])));
    out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id));
    return out;
  }

  private void add(Map<String, float[]> parts, Map<String, String> titles, List<Scored> ranked,
      int slot) {
    if (ranked.isEmpty()) {
      return;
    }
    float w = slot == 1 ? weight : 1 - weight;
    float[] norm = normalized(ranked);
    for (int rank = 0; rank < ranked.size(); rank++) {
      Scored s = ranked.get(rank);
      float part = method == Method.RRF ? 1f / (rrfK + rank + 1) : w * norm[rank];
      parts.computeIfAbsent(s.id(), k -> new float[2])[slot] += part;
      titles.putIfAbsent(s.id(), s.title());
    }
  }

  private float[] normalized(List<Scored> ranked) {
    int n = ranked.size();
    float[] out = new float[n];
    float max = ranked.get(0).score();
    float min = ranked.get(n - 1).score();
    double mean = 0;
    for (Scored s : ranked) {
      mean += s.score();
    }
    mean /= n;
    double var = 0;
    for (Scored s : ranked) {
      var += (s.score() - mean) * (s.score() - mean);
    }
    double sd = Math.sqrt(var / n);
    for (int i = 0; i < n; i++) {
      float s = ranked.get(i).score();
      out[i] = switch (normalization) {
        case MINMAX -> max > min ? (s - min) / (max - min) : 1f;
        case MAX -> max > 0 ? s / max : 0f;
        case ZSCORE -> sd > 0 ? (float) ((s - mean) / sd) : 0f;
      };
    }
    return out;
  }
}
