package org.papersift.app.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * nDCG@10, Recall@100 and MRR@10 computed the way {@code trec_eval -c -m ndcg_cut.10 -m
 * recall.100} computes them, so numbers can be set next to published BEIR results.
 *
 * <p>The details that change the numbers, all taken from trec_eval:
 *
 * <ul>
 *   <li>The caller's order is ignored. A run is ranked by score descending, ties broken by doc id
 *       descending in byte order ({@code strcmp(b, a)}), so equal scores cannot be "helped" by
 *       whatever order the engine happened to return.
 *   <li>A document is relevant when its grade is above 0. Unjudged documents count as grade 0.
 *   <li>nDCG gain is the grade itself (not 2^grade - 1), discounted by log2(rank + 1); the ideal
 *       ranking is every judged document with grade > 0, highest grade first, cut at 10 as well.
 *   <li>Recall@100 divides the relevant documents in the top 100 by all relevant documents, even
 *       when there are more than 100 of them.
 *   <li>MRR@10 (not a trec_eval measure; BEIR computes it itself) is 1/rank of the first relevant
 *       document in the top 10, else 0, using the same ordering.
 *   <li>Averages run over every query with at least one relevant judgment, whether or not the run
 *       has results for it; a query without results scores 0 (that is what {@code -c} is for).
 *       Run entries for queries that are not in the qrels are ignored.
 * </ul>
 */
public final class TrecMetrics {
  public static final int NDCG_CUTOFF = 10;
  public static final int RECALL_CUTOFF = 100;
  public static final int MRR_CUTOFF = 10;

  private static final double LN2 = Math.log(2);

  /** trec_eval's ranking order: score descending, then doc id descending. */
  public static final Comparator<ScoredDoc> TREC_ORDER = (a, b) -> {
    // Plain comparisons rather than Double.compare, so -0.0 and 0.0 tie as they do in C.
    if (a.score() > b.score()) {
      return -1;
    }
    if (a.score() < b.score()) {
      return 1;
    }
    return compareCodePoints(b.docId(), a.docId());
  };

  /**
   * The mean over the evaluated queries and the value of each one, keyed by query id in byte order
   * (the order trec_eval prints them).
   */
  public record Result(Metrics mean, SortedMap<String, Metrics> perQuery) {}

  private TrecMetrics() {}

  /**
   * Scores {@code run} (query id → retrieved documents, any order) against {@code qrels} (query id
   * → doc id → grade).
   *
   * @throws IllegalArgumentException if no query has a relevant judgment, or a query retrieves the
   *     same document twice (trec_eval refuses such runs too)
   */
  public static Result evaluate(Map<String, ? extends List<ScoredDoc>> run,
      Map<String, ? extends Map<String, Integer>> qrels) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(qrels, "qrels");
    SortedMap<String, Metrics> perQuery = new TreeMap<>(TrecMetrics::compareCodePoints);
    for (Map.Entry<String, ? extends Map<String, Integer>> e : qrels.entrySet()) {
      if (relevantCount(e.getValue()) == 0) {
        continue;
      }
      List<ScoredDoc> ranking = run.get(e.getKey());
      try {
        perQuery.put(e.getKey(), evaluateQuery(ranking == null ? List.of() : ranking,
            e.getValue()));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("query " + e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
    if (perQuery.isEmpty()) {
      throw new IllegalArgumentException("no query in the qrels has a relevant judgment");
    }
    double ndcg = 0;
    double recall = 0;
    double mrr = 0;
    for (Metrics m : perQuery.values()) {
      ndcg += m.ndcg10();
      recall += m.recall100();
      mrr += m.mrr10();
    }
    int n = perQuery.size();
    return new Result(new Metrics(ndcg / n, recall / n, mrr / n, n),
        Collections.unmodifiableSortedMap(perQuery));
  }

  /** Scores one query's ranking against its judgments; the result has {@code queries == 1}. */
  public static Metrics evaluateQuery(Collection<ScoredDoc> ranking,
      Map<String, Integer> judgments) {
    List<ScoredDoc> ordered = trecOrder(ranking);
    int relevant = relevantCount(judgments);

    double dcg = 0;
    for (int i = 0; i < Math.min(NDCG_CUTOFF, ordered.size()); i++) {
      int grade = gradeOf(judgments, ordered.get(i).docId());
      if (grade > 0) {
        dcg += grade / discount(i);
      }
    }
    List<Integer> idealGrades = new ArrayList<>();
    for (int g : judgments.values()) {
      if (g > 0) {
        idealGrades.add(g);
      }
    }
    idealGrades.sort(Comparator.reverseOrder());
    double idealDcg = 0;
    for (int i = 0; i < Math.min(NDCG_CUTOFF, idealGrades.size()); i++) {
      idealDcg += idealGrades.get(i) / discount(i);
    }

    int relevantRetrieved = 0;
    for (int i = 0; i < Math.min(RECALL_CUTOFF, ordered.size()); i++) {
      if (gradeOf(judgments, ordered.get(i).docId()) > 0) {
        relevantRetrieved++;
      }
    }

    double mrr = 0;
    for (int i = 0; i < Math.min(MRR_CUTOFF, ordered.size()); i++) {
      if (gradeOf(judgments, ordered.get(i).docId()) > 0) {
        mrr = 1.0 / (i + 1);
        break;
      }
    }

    return new Metrics(idealDcg > 0 ? dcg / idealDcg : 0,
        relevant > 0 ? (double) relevantRetrieved / relevant : 0, mrr, 1);
  }

  /**
   * A copy of {@code ranking} in trec_eval order.
   *
   * @throws IllegalArgumentException if a document id occurs twice
   */
  public static List<ScoredDoc> trecOrder(Collection<ScoredDoc> ranking) {
    List<ScoredDoc> ordered = new ArrayList<>(ranking);
    Set<String> seen = new HashSet<>();
    for (ScoredDoc d : ordered) {
      if (!seen.add(d.docId())) {
        throw new IllegalArgumentException("document " + d.docId() + " is retrieved twice");
      }
    }
    ordered.sort(TREC_ORDER);
    return ordered;
  }

  /** Position i (0-based, rank i + 1) is discounted by log2(i + 2). */
  private static double discount(int i) {
    return Math.log(i + 2) / LN2;
  }

  private static int gradeOf(Map<String, Integer> judgments, String docId) {
    Integer g = judgments.get(docId);
    return g == null ? 0 : g;
  }

  private static int relevantCount(Map<String, Integer> judgments) {
    int n = 0;
    for (int g : judgments.values()) {
      if (g > 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * Compares by Unicode code point, which is the order strcmp gives on UTF-8 bytes. {@link
   * String#compareTo} compares UTF-16 units and disagrees for characters above U+FFFF.
   */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
