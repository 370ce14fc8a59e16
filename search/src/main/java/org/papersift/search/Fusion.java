package org.papersift.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How hybrid search merges the keyword ranking and the vector ranking of the same query.
 * CONVEX: each list's scores are scaled to [0, 1] by its own min and max over the candidates,
 * then {@code weight * dense + (1 - weight) * keyword}, a missing score counting 0. RRF: reciprocal
 * rank fusion, {@code sum 1 / (k + rank)}, which ignores score gaps. The defaults were chosen on
 * the SciFact train queries (docs/benchmarks.md).
 *
 * @param depth candidates taken from each ranking
 */
public record Fusion(Method method, float weight, int rrfK, int depth) {
  public enum Method { CONVEX, RRF }

  public static final Fusion DEFAULT = new Fusion(Method.CONVEX, 0.5f, 60, 100);

  public Fusion {
    if (!(weight >= 0 && weight <= 1) || rrfK < 1 || depth < 1) {
      throw new IllegalArgumentException("bad fusion settings: weight " + weight + ", k " + rrfK
          + ", depth " + depth);
    }
  }

  /** A candidate from one ranking. */
  record Scored(String id, String title, float score) {}

  /** Fuses two rankings (best first) into one, best first. */
  List<Scored> fuse(List<Scored> keyword, List<Scored> dense) {
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
    float max = ranked.get(0).score();
    float min = ranked.get(ranked.size() - 1).score();
    float w = slot == 1 ? weight : 1 - weight;
    for (int rank = 0; rank < ranked.size(); rank++) {
      Scored s = ranked.get(rank);
      float part = switch (method) {
        case RRF -> 1f / (rrfK + rank + 1);
        case CONVEX -> w * (max > min ? (s.score() - min) / (max - min) : 1f);
      };
      parts.computeIfAbsent(s.id(), k -> new float[2])[slot] += part;
      titles.putIfAbsent(s.id(), s.title());
    }
  }
}
