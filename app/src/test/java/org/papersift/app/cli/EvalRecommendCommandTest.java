package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.recommend.TopicVectors;
import org.papersift.core.paper.Paper;
import org.papersift.store.PaperStore;

/** {@code papersift eval recommend} on a data directory of topical readers with synthetic vectors. */
class EvalRecommendCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MINILM = "all-MiniLM-L6-v2";

  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;

  /** The 12 topical readers of TopicVectors, stored with MiniLM-sized vectors. */
  private Path dataDir() {
    TopicVectors.Papers t = TopicVectors.topicalReaders(384);
    try (Papersift app = Papersift.open(new DataDir(tmp))) {
      app.store().upsertAll(t.papers());
      List<PaperStore.NewVector> vectors = new ArrayList<>();
      for (Paper p : t.papers()) {
        vectors.add(new PaperStore.NewVector(p.id(), "synthetic", t.vectors().get(p.id())));
      }
      app.store().saveVectors(MINILM, vectors, "test:vectors", app.store().lastSeq());
    }
    return tmp;
  }

  @Test
  void jsonHasEveryMethodAndTheModelBeatsRandom() throws Exception {
    CliRun r = CliRun.in(dataDir(), "eval", "recommend", "--model", MINILM, "--json")
        .noStackTrace();
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode json = JSON.readTree(r.out());
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("model", "centroid", "category",
        "popularity", "random");
    for (JsonNode m : json) {
      assertThat(m.get("precision@10").isNumber()).isTrue();
      assertThat(m.get("ndcg@10").asDouble()).isBetween(0.0, 1.0);
      assertThat(m.get("users").asInt()).isEqualTo(12);
      assertThat(m.get("score_ms_mean").isNumber()).isTrue();
    }
    assertThat(json.get("model").get("train_ms_mean").asDouble()).isPositive();
    assertThat(json.get("model").get("ndcg@10").asDouble())
        .isGreaterThan(0.3).isGreaterThan(3 * json.get("random").get("ndcg@10").asDouble());
    assertThat(json.get("model").get("precision@10").asDouble())
        .isGreaterThan(json.get("random").get("precision@10").asDouble());
    // The settings and totals go to stderr, so stdout stays one JSON document.
    assertThat(r.err()).contains("eval recommend: ").contains("320 papers stored")
        .contains("rule: authors with >= 6 papers").contains("machine: ")
        .contains("readers: 12 authors with >= 6 papers, 12 evaluated");
  }

  @Test
  void textReportNamesCorpusRuleAndTimings() {
    CliRun r = CliRun.in(dataDir(), "eval", "recommend", "--model", MINILM,
        "--methods", "model,random", "--split", "validation", "--max-users", "5").noStackTrace();
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("split validation").contains("method")
        .contains("model training per reader: mean")
        .contains("readers: 12 authors with >= 6 papers, 5 evaluated")
        .containsPattern("(?m)^model +0\\.\\d{4} +0\\.\\d{4}")
        .containsPattern("(?m)^random +0\\.\\d{4}")
        .doesNotContainPattern("(?m)^centroid");
  }

  @Test
  void badUsageAndMissingVectorsExitTwoWithAMessage() {
    Path dir = dataDir();
    CliRun split = CliRun.in(dir, "eval", "recommend", "--split", "dev").noStackTrace();
    assertThat(split.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(split.err()).contains("--split: expected test or validation, got dev");

    CliRun method = CliRun.in(dir, "eval", "recommend", "--model", MINILM, "--methods", "magic")
        .noStackTrace();
    assertThat(method.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(method.err()).contains("unknown method magic");

    CliRun none = CliRun.in(dir, "eval", "recommend", "--model", "bge-small-en-v1.5")
        .noStackTrace();
    assertThat(none.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(none.errWithoutJvmWarnings()).contains("has a date and a vector of"
        + " bge-small-en-v1.5; run 'papersift embed' with PAPERSIFT_MODEL=bge-small-en-v1.5");

    CliRun empty = CliRun.in(tmp.resolve("nothing"), "eval", "recommend").noStackTrace();
    assertThat(empty.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(empty.err()).contains("no papersift database in");
  }
}
