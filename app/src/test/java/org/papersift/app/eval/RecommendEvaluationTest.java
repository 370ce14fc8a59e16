package org.papersift.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.papersift.app.recommend.TopicVectors;
import org.papersift.core.paper.Paper;
import org.papersift.core.recommend.Recommender;

class RecommendEvaluationTest {
  static final LocalDate DAY0 = LocalDate.of(2025, 3, 1);

  static RecommendEvaluation.Settings settings(boolean validation, int threads) {
    return new RecommendEvaluation.Settings(6, 0.3, 2, validation, 5_000,
        Recommender.DEFAULTS, 0, threads);
  }

  static String id(int i) {
    return String.format("2503.%05d", i);
  }

  /** Papers 0..n-1 on the given days (ascending), one author each unless given. */
  static RecommendEvaluation.Corpus corpus(int[] days, Map<Integer, List<String>> authors) {
    List<Paper> papers = new ArrayList<>();
    Map<String, float[]> vectors = new HashMap<>();
    for (int i = 0; i < days.length; i++) {
      Paper p = Paper.of(id(i), "Paper " + i).withPublished(DAY0.plusDays(days[i]))
          .withAuthors(authors.getOrDefault(i, List.of("Author " + i)))
          .withCategories(List.of(i % 2 == 0 ? "cs.IR" : "cs.CL"));
      papers.add(p);
      vectors.put(p.id(), new float[] {1f, (float) i});
    }
    return RecommendEvaluation.Corpus.of("test", days.length, papers, vectors);
  }

  @Test
  void topKTakesTheBestInTrecOrderTiesToTheHigherId() {
    RecommendEvaluation.Corpus c = corpus(new int[] {0, 0, 0, 0, 0, 0}, Map.of());
    double[] scores = {1, 3, 3, 2, 5, 3};
    assertThat(RecommendEvaluation.topK(c, i -> scores[i], 0, 6, 3))
        .containsExactly(new ScoredDoc(id(4), 5), new ScoredDoc(id(5), 3),
            new ScoredDoc(id(2), 3));
    assertThat(RecommendEvaluation.topK(c, i -> scores[i], 1, 4, 10))
        .containsExactly(new ScoredDoc(id(2), 3), new ScoredDoc(id(1), 3),
            new ScoredDoc(id(3), 2));
    // The same order trec_eval's sort gives.
    List<ScoredDoc> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(new ScoredDoc(id(i), scores[i]));
    }
    assertThat(RecommendEvaluation.topK(c, i -> scores[i], 0, 6, 6))
        .isEqualTo(TrecMetrics.trecOrder(all));
  }

  @Test
  void precisionDividesByTheCutoffEvenWhenFewerAreRanked() {
    List<ScoredDoc> ranked = List.of(new ScoredDoc("a", 3), new ScoredDoc("x", 2),
        new ScoredDoc("b", 1));
    assertThat(RecommendEvaluation.precisionAt(10, ranked, Set.of("a", "b", "c")))
        .isEqualTo(0.2);
    assertThat(RecommendEvaluation.precisionAt(1, ranked, Set.of("a"))).isEqualTo(1.0);
    assertThat(RecommendEvaluation.precisionAt(10, List.of(), Set.of("a"))).isZero();
  }

  /**
   * Ada wrote papers 1, 3, 5, 7, 9, 11 on days 1..6 among 14 papers (two a day from day 0). The
   * newest 30% of six, rounded, is 2: papers 9 and 11, split day 5; the candidates are papers 10
   * to 13. Validation hides days 5 on and splits her four older papers: 2 of them, split day 3,
   * candidates papers 6 to 9.
   */
  @Test
  void splitsEachReaderByDate() {
    int[] days = {0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7};
    Map<Integer, List<String>> authors = new HashMap<>();
    for (int i : new int[] {1, 3, 5, 7, 9, 11}) {
      authors.put(i, List.of(i == 3 ? "ADA lovelace" : "Ada Lovelace", "Author " + i));
    }
    RecommendEvaluation.Corpus c = corpus(days, authors);
    RecommendEvaluation.Result test = RecommendEvaluation.run(c, settings(false, 1),
        List.of("popularity", "random"), n -> { });
    assertThat(test.readers()).isEqualTo(1);
    assertThat(test.users()).isEqualTo(1);
    assertThat(test.meanPositives()).isEqualTo(4);
    assertThat(test.meanRelevant()).isEqualTo(2);
    assertThat(test.meanCandidates()).isEqualTo(5); // papers 9..13
    // Popularity: 2 authors for her papers 9 and 11, one for the others; ties to the higher id.
    assertThat(test.methods().get("popularity").precision10()).isEqualTo(0.2);
    assertThat(test.methods().get("popularity").ndcg10()).isEqualTo(1.0);

    RecommendEvaluation.Result validation = RecommendEvaluation.run(c, settings(true, 1),
        List.of("popularity"), n -> { });
    assertThat(validation.meanPositives()).isEqualTo(2);
    assertThat(validation.meanRelevant()).isEqualTo(2);
    assertThat(validation.meanCandidates()).isEqualTo(4); // papers 5..8, day 3 and 4
  }

  @Test
  void readersWithEveryPaperOnTheSplitDayAreSkipped() {
    int[] days = {0, 1, 1, 1, 1, 1, 1};
    Map<Integer, List<String>> authors = new HashMap<>();
    for (int i = 1; i <= 6; i++) {
      authors.put(i, List.of("Same Day"));
    }
    RecommendEvaluation.Result r = RecommendEvaluation.run(corpus(days, authors),
        settings(false, 1), List.of("random"), n -> { });
    assertThat(r.readers()).isEqualTo(1);
    assertThat(r.users()).isZero();
    assertThat(r.methods().get("random").users()).isZero();
  }

  /**
   * 12 readers, each writing in a topic of their own every third day, among one-off papers of
   * every topic: the learned model and the centroid find a reader's new papers, random does not;
   * any thread count gives the same figures.
   */
  @Test
  void learnedModelBeatsRandomOnTopicalReadersAndThreadsChangeNothing() {
    TopicVectors.Papers t = TopicVectors.topicalReaders(32);
    RecommendEvaluation.Corpus c = RecommendEvaluation.Corpus.of("test", t.papers().size(),
        t.papers(), t.vectors());
    RecommendEvaluation.Result one = RecommendEvaluation.run(c, settings(false, 1),
        RecommendEvaluation.METHODS, x -> { });
    assertThat(one.users()).isEqualTo(12);
    double model = one.methods().get("model").ndcg10();
    double random = one.methods().get("random").ndcg10();
    assertThat(model).isGreaterThan(0.3).isGreaterThan(3 * random);
    assertThat(one.methods().get("centroid").ndcg10()).isGreaterThan(3 * random);
    assertThat(one.trainNanos().count()).isEqualTo(12);

    RecommendEvaluation.Result three = RecommendEvaluation.run(c, settings(false, 3),
        RecommendEvaluation.METHODS, x -> { });
    three.methods().forEach((name, m) -> {
      assertThat(m.precision10()).as(name).isEqualTo(one.methods().get(name).precision10());
      assertThat(m.ndcg10()).as(name).isEqualTo(one.methods().get(name).ndcg10());
    });
  }

  @Test
  void settingsAndMethodsAreChecked() {
    assertThatThrownBy(() -> new RecommendEvaluation.Settings(6, 1.0, 2, false, 10,
        Recommender.DEFAULTS, 0, 1)).hasMessageContaining("holdout");
    assertThatThrownBy(() -> new RecommendEvaluation.Settings(2, 0.3, 2, false, 10,
        Recommender.DEFAULTS, 0, 1)).hasMessageContaining("min test");
    RecommendEvaluation.Corpus c = corpus(new int[] {0}, Map.of());
    assertThatThrownBy(() -> RecommendEvaluation.run(c, settings(false, 1), List.of("magic"),
        x -> { })).hasMessageContaining("unknown method magic");
    assertThat(settings(false, 1).splitRule()).contains("newest 30%").contains("at least 2");
  }
}
