package org.papersift.app.eval;

import java.util.Objects;

/** One entry of a run: a retrieved document id and the score the engine gave it. */
public record ScoredDoc(String docId, double score) {
  public ScoredDoc {
    Objects.requireNonNull(docId, "docId");
    // trec_eval cannot order NaN either; refusing it here keeps the sort a total order.
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score of " + docId + " is NaN");
    }
  }
}
