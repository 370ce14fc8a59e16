package org.papersift.search;

/**
 * BM25 settings and field weights. The defaults were chosen on the SciFact train queries (never
 * the test queries); see docs/benchmarks.md for the sweep.
 *
 * @param k1 BM25 term-frequency saturation
 * @param b BM25 length normalization
 * @param titleBoost weight of a title match relative to an abstract match
 */
public record Ranking(float k1, float b, float titleBoost, float abstractBoost) {
  public static final Ranking DEFAULT = new Ranking(0.9f, 0.75f, 0.3f, 1.0f);

  public Ranking {
    if (!(k1 >= 0) || !(b >= 0 && b <= 1) || !(titleBoost > 0) || !(abstractBoost > 0)) {
      throw new IllegalArgumentException("bad ranking settings: k1=" + k1 + " b=" + b
          + " titleBoost=" + titleBoost + " abstractBoost=" + abstractBoost);
    }
  }
}
