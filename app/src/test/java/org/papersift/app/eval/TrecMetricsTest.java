package org.papersift.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Expected values are worked out by hand in the comments (log2(3) = 1.5849625, log2(5) =
 * 2.3219281), so a wrong discount, gain, tie order or cut-off moves them well beyond the tolerance.
 */
class TrecMetricsTest {
  private static final Offset<Double> EPS = within(1e-12);

  private static ScoredDoc d(String id, double score) {
    return new ScoredDoc(id, score);
  }

  @Test
  void ndcgDiscountsByLog2OfRankPlusOneAndIgnoresUnjudgedDocs() {
    // Relevant a at rank 2, b at rank 4; x and y are unjudged.
    // DCG = 1/log2(3) + 1/log2(5) = 0.6309298 + 0.4306766 = 1.0616064
    // IDCG = 1/log2(2) + 1/log2(3) = 1.6309298  ->  nDCG = 0.6509209
    Metrics m = TrecMetrics.evaluateQuery(
        List.of(d("x", 4), d("a", 3), d("y", 2), d("b", 1)), Map.of("a", 1, "b", 1));
    assertThat(m.ndcg10()).isCloseTo(0.6509209298071326, EPS);
    assertThat(m.recall100()).isEqualTo(1.0);
    assertThat(m.mrr10()).isEqualTo(0.5);
    assertThat(m.queries()).isEqualTo(1);
  }

  @Test
  void gradedRelevanceUsesTheGradeAsGainAndSortsTheIdealByGrade() {
    // Ranked a(2) b(1) c(0) d(3).
    // DCG = 2/1 + 1/log2(3) + 0 + 3/log2(5) = 2 + 0.6309298 + 1.2920297 = 3.9229595
    // IDCG over grades 3, 2, 1 (the 0 is judged but not relevant): 3 + 2/log2(3) + 1/2 = 4.7618595
    // nDCG = 0.8238293 (2^g - 1 gains would give 0.7075)
    Metrics m = TrecMetrics.evaluateQuery(
        List.of(d("a", 0.9), d("b", 0.8), d("c", 0.7), d("d", 0.6)),
        Map.of("a", 2, "b", 1, "c", 0, "d", 3));
    assertThat(m.ndcg10()).isCloseTo(0.8238293090980727, EPS);
    assertThat(m.recall100()).isEqualTo(1.0); // 3 of 3 with grade > 0
    assertThat(m.mrr10()).isEqualTo(1.0);
  }

  @Test
  void idealRankingIsSortedByGradeWhateverTheQrelsOrder() {
    // Judgments listed lowest grade first; the ideal must still be 3, 2, 1:
    // IDCG = 3 + 2/log2(3) + 1/2 = 4.7618595, DCG (c first) = 3 -> nDCG = 0.6300060
    // (an ideal in file order would be 1 + 2/log2(3) + 3/2 = 3.7618595 -> 0.7974779).
    Map<String, Integer> judgments = new LinkedHashMap<>();
    judgments.put("a", 1);
    judgments.put("b", 2);
    judgments.put("c", 3);
    Metrics m = TrecMetrics.evaluateQuery(List.of(d("c", 1)), judgments);
    assertThat(m.ndcg10()).isCloseTo(0.6300059872618923, EPS);
    assertThat(m.recall100()).isCloseTo(1.0 / 3, EPS);
  }

  @Test
  void gradeZeroIsNotRelevantForRecallOrMrr() {
    Metrics m = TrecMetrics.evaluateQuery(List.of(d("z", 2), d("r", 1)), Map.of("z", 0, "r", 1));
    assertThat(m.mrr10()).isEqualTo(0.5);
    assertThat(m.recall100()).isEqualTo(1.0);
    assertThat(m.ndcg10()).isCloseTo(0.6309297535714575, EPS); // 1/log2(3) over 1
  }

  @Test
  void tiesAreBrokenByDocIdDescendingWhateverTheCallerOrder() {
    // All scores equal: trec_eval ranks c, b, a. The caller's a-first order must not count,
    // and neither must an ascending tie break (which would also put a first).
    Metrics m = TrecMetrics.evaluateQuery(
        List.of(d("a", 1), d("b", 1), d("c", 1)), Map.of("a", 1));
    assertThat(m.mrr10()).isCloseTo(1.0 / 3, EPS);
    assertThat(m.ndcg10()).isCloseTo(0.5, EPS); // 1/log2(4)

    // Ids compare as strings, not numbers: "9" > "10", so "9" ranks first.
    Metrics numeric = TrecMetrics.evaluateQuery(
        List.of(d("10", 5), d("9", 5)), Map.of("10", 1));
    assertThat(numeric.mrr10()).isEqualTo(0.5);
  }

  @Test
  void scoreBeatsIdAndCallerOrderIsIgnored() {
    List<ScoredDoc> ordered = TrecMetrics.trecOrder(
        List.of(d("a", 0.5), d("b", 2), d("c", 0.0), d("d", -0.0), d("e", 2)));
    // -0.0 and 0.0 tie as in C, so d before c by id.
    assertThat(ordered).extracting(ScoredDoc::docId).containsExactly("e", "b", "a", "d", "c");
  }

  @Test
  void idOrderIsByCodePointLikeStrcmpOnUtf8() {
    // U+1F600 (a surrogate pair in UTF-16) sorts above U+FFFD in UTF-8 byte order;
    // String.compareTo would say the opposite.
    String emoji = "\uD83D\uDE00";
    String replacement = "\uFFFD";
    assertThat(TrecMetrics.compareCodePoints(emoji, replacement)).isPositive();
    assertThat(TrecMetrics.trecOrder(List.of(d(replacement, 1), d(emoji, 1))))
        .extracting(ScoredDoc::docId).containsExactly(emoji, replacement);
    assertThat(TrecMetrics.compareCodePoints("ab", "a")).isPositive();
    assertThat(TrecMetrics.compareCodePoints("a", "ab")).isNegative();
    assertThat(TrecMetrics.compareCodePoints("ab", "ab")).isZero();
  }

  @Test
  void recallCountsOnlyTheTop100AndDividesByAllRelevant() {
    // r1 at rank 1, r2 at rank 100, r3 at rank 101, r4 never retrieved: recall@100 = 2/4.
    List<ScoredDoc> run = new ArrayList<>();
    for (int rank = 1; rank <= 150; rank++) {
      String id = switch (rank) {
        case 1 -> "r1";
        case 100 -> "r2";
        case 101 -> "r3";
        default -> "n" + rank;
      };
      run.add(d(id, 1000 - rank));
    }
    Metrics m = TrecMetrics.evaluateQuery(run, Map.of("r1", 1, "r2", 1, "r3", 1, "r4", 1));
    assertThat(m.recall100()).isEqualTo(0.5);
    assertThat(m.mrr10()).isEqualTo(1.0);
    // DCG = 1; IDCG = 1 + 1/log2(3) + 1/log2(4) + 1/log2(5) = 2.5616064 -> 0.3903800
    assertThat(m.ndcg10()).isCloseTo(0.3903800499921017, EPS);
  }

  @Test
  void ndcgAndMrrStopAtRankTen() {
    List<ScoredDoc> run = new ArrayList<>();
    Map<String, Integer> qrels = new LinkedHashMap<>();
    for (int rank = 1; rank <= 12; rank++) {
      run.add(d("r" + rank, 100 - rank));
      qrels.put("r" + rank, 1);
    }
    // 12 relevant docs at ranks 1..12: the ideal is cut at 10 too, so this is a perfect nDCG@10.
    assertThat(TrecMetrics.evaluateQuery(run, qrels).ndcg10()).isCloseTo(1.0, EPS);

    List<ScoredDoc> late = new ArrayList<>();
    for (int rank = 1; rank <= 11; rank++) {
      late.add(d(rank == 11 ? "rel" : "n" + rank, 100 - rank));
    }
    Metrics atEleven = TrecMetrics.evaluateQuery(late, Map.of("rel", 1));
    assertThat(atEleven.mrr10()).isZero();
    assertThat(atEleven.ndcg10()).isZero();
    assertThat(atEleven.recall100()).isEqualTo(1.0);

    late.set(9, d("rel", 100 - 10)); // rank 10
    late.remove(10);
    Metrics atTen = TrecMetrics.evaluateQuery(late, Map.of("rel", 1));
    assertThat(atTen.mrr10()).isCloseTo(0.1, EPS);
    assertThat(atTen.ndcg10()).isCloseTo(1 / (Math.log(11) / Math.log(2)), EPS);
  }

  @Test
  void meanCountsQueriesWithoutResultsAsZeroAndSkipsQueriesWithoutRelevantDocs() {
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    qrels.put("q2", Map.of("b", 1));          // no results in the run: scores 0
    qrels.put("q1", Map.of("a", 1));          // perfect
    qrels.put("q3", Map.of("c", 0));          // nothing relevant: not averaged
    Map<String, List<ScoredDoc>> run = Map.of(
        "q1", List.of(d("a", 1)),
        "q3", List.of(d("c", 1)),
        "q9", List.of(d("b", 1)));           // not in the qrels: ignored
    TrecMetrics.Result r = TrecMetrics.evaluate(run, qrels);
    assertThat(r.mean()).isEqualTo(new Metrics(0.5, 0.5, 0.5, 2));
    assertThat(r.perQuery().keySet()).containsExactly("q1", "q2");
    assertThat(r.perQuery().get("q2")).isEqualTo(new Metrics(0, 0, 0, 1));
    assertThat(r.perQuery().get("q1")).isEqualTo(new Metrics(1, 1, 1, 1));
  }

  @Test
  void meanIsTheArithmeticMeanOfPerQueryValues() {
    Map<String, Map<String, Integer>> qrels = Map.of(
        "q1", Map.of("a", 1), "q2", Map.of("b", 1), "q3", Map.of("c", 1));
    Map<String, List<ScoredDoc>> run = Map.of(
        "q1", List.of(d("a", 2), d("x", 1)),     // rank 1
        "q2", List.of(d("x", 2), d("b", 1)),     // rank 2
        "q3", List.of(d("x", 3), d("y", 2)));    // missing
    Metrics mean = TrecMetrics.evaluate(run, qrels).mean();
    assertThat(mean.mrr10()).isCloseTo((1 + 0.5 + 0) / 3, EPS);
    assertThat(mean.recall100()).isCloseTo(2.0 / 3, EPS);
    assertThat(mean.ndcg10()).isCloseTo((1 + 0.6309297535714575) / 3, EPS);
    assertThat(mean.queries()).isEqualTo(3);
  }

  @Test
  void duplicateDocumentInARunIsRefusedNamingQueryAndDoc() {
    assertThatThrownBy(() -> TrecMetrics.evaluate(
        Map.of("q1", List.of(d("a", 2), d("a", 1))), Map.of("q1", Map.of("a", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("q1").hasMessageContaining("a is retrieved twice");
  }

  @Test
  void qrelsWithoutAnyRelevantJudgmentAreRefused() {
    assertThatThrownBy(() -> TrecMetrics.evaluate(Map.of(), Map.of("q1", Map.of("a", 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no query");
  }

  @Test
  void nanScoresAreRefused() {
    assertThatThrownBy(() -> d("a", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonUsesTheBeirMetricNames() throws Exception {
    String json = new ObjectMapper().writeValueAsString(new Metrics(0.5, 0.25, 1.0, 3));
    assertThat(json)
        .isEqualTo("{\"ndcg@10\":0.5,\"recall@100\":0.25,\"mrr@10\":1.0,\"queries\":3}");
    assertThat(new Metrics(0.5, 0.25, 1.0, 3).asMap())
        .containsExactly(Map.entry("ndcg@10", 0.5), Map.entry("recall@100", 0.25),
            Map.entry("mrr@10", 1.0), Map.entry("queries", 3));
  }
}
