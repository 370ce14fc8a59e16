package org.papersift.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real SciFact copy in the shared data directory (flat layout, {@code "id"} fields), so
 * a loader change that drops or invents records is caught on data the eval command actually uses.
 * Surefire points {@code papersift.shared} at /work/main/../shared.
 */
class ScifactCollectionTest {
  private static Path scifact;

  @BeforeAll
  static void locate() {
    String shared = System.getProperty("papersift.shared", "../shared");
    scifact = Path.of(shared, "data", "scifact").toAbsolutePath().normalize();
    if (!Files.isRegularFile(scifact.resolve("corpus.jsonl"))) {
      String msg = "SciFact not found at " + scifact + " (set -Dpapersift.shared to the"
          + " directory holding data/scifact)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + "; CI=true, so the data set is required");
      }
      Assumptions.abort(msg + "; skipping");
    }
  }

  @Test
  void corpusHas5183UniqueDocsWithText() throws IOException {
    BeirCollection c = BeirCollection.load(scifact, "test");
    Set<String> ids = new HashSet<>();
    List<String> emptyText = new ArrayList<>();
    c.forEachDoc(d -> {
      ids.add(d.id());
      if (d.text().isBlank()) {
        emptyText.add(d.id());
      }
    });
    assertThat(ids).hasSize(5_183);
    assertThat(emptyText).isEmpty();

    // Every judged document exists, in both splits.
    for (String split : List.of("test", "train")) {
      for (Map<String, Integer> judged : BeirCollection.load(scifact, split).qrels().values()) {
        assertThat(ids).containsAll(judged.keySet());
      }
    }
  }

  @Test
  void testSplitHas300JudgedQueries() throws IOException {
    BeirCollection test = BeirCollection.load(scifact, "test");
    assertThat(test.queriesFile().getFileName()).hasToString("queries.jsonl");
    assertThat(test.qrelsFile().getFileName()).hasToString("qrels-test.tsv");
    assertThat(test.queries()).hasSize(300);
    assertThat(test.qrels()).hasSize(300);
    assertThat(judgments(test)).isEqualTo(339);
    assertThat(test.queries().get(0)).isEqualTo(
        new BeirQuery("1", "0-dimensional biomaterials show inductive properties."));
  }

  @Test
  void trainSplitHas809QueriesAllOfThemJudged() throws IOException {
    BeirCollection train = BeirCollection.load(scifact, "train");
    assertThat(train.queriesFile().getFileName()).hasToString("queries-train.jsonl");
    assertThat(train.qrelsFile().getFileName()).hasToString("qrels-train.tsv");
    // queries-train.jsonl holds 809 claims and every one has at least one judgment.
    assertThat(train.queries()).hasSize(809);
    assertThat(train.qrels()).hasSize(809);
    assertThat(judgments(train)).isEqualTo(919);
  }

  @Test
  void aRunThatReturnsTheJudgedDocsScoresPerfectly() throws IOException {
    BeirCollection test = BeirCollection.load(scifact, "test");
    Map<String, List<ScoredDoc>> run = new HashMap<>();
    test.qrels().forEach((q, judged) ->
        run.put(q, judged.keySet().stream().map(d -> new ScoredDoc(d, 1.0)).toList()));
    Metrics mean = TrecMetrics.evaluate(run, test.qrels()).mean();
    assertThat(mean.queries()).isEqualTo(300);
    assertThat(mean.ndcg10()).isCloseTo(1.0, within(1e-12));
    assertThat(mean.recall100()).isCloseTo(1.0, within(1e-12));
    assertThat(mean.mrr10()).isCloseTo(1.0, within(1e-12));
  }

  private static int judgments(BeirCollection c) {
    return c.qrels().values().stream().mapToInt(Map::size).sum();
  }
}
