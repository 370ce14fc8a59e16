package org.papersift.app.cli;

import java.util.Random;

/** Filler text for generated papers: words drawn from a fixed vocabulary by a seeded Random. */
final class RandomText {
  private static final String[] WORDS = ("model data learning network graph method results"
      + " analysis training performance language vision robust sparse dense attention signal"
      + " energy quantum field theory matrix random stochastic optimal control policy reward"
      + " protein molecule galaxy stellar plasma fluid turbulence lattice algebra manifold"
      + " spectral kernel estimator inference causal survey benchmark dataset evaluation").split(" ");

  private RandomText() {}

  /** {@code n} words separated by single spaces. */
  static String words(Random random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }
}
