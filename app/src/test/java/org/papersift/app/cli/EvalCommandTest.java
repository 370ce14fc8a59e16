package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code papersift eval beir} on a collection small enough to score by hand, and on the real
 * SciFact in the shared data directory.
 */
class EvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;

  /**
   * Three evaluated queries whose BM25 rankings are unambiguous (more query words, or the word in
   * the title too, rank higher), plus one query judged only non-relevant and one not judged.
   */
  private Path tinyCollection() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tiny"));
    Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n",
        doc("d1", "Photosynthesis in leaves",
            "Chlorophyll absorbs light during photosynthesis in green leaves."),
        doc("d2", "Plant growth", "Photosynthesis rates vary with temperature and water supply."),
        doc("d3", "Mountains", "An old volcano stands above the valley near the coast."),
        doc("d4", "Hazards", "The volcano eruption covered the valley with ash and rock."),
        doc("d5", "Ice", "A glacier slowly carves the valley floor over many centuries."),
        doc("d6", "Snowfields", "Permanent snow and firn feed the ice sheets of the north."),
        doc("d7", "Glacier retreat",
            "Glacier retreat measured with satellites across the glacier basin."),
        doc("d8", "Oceans", "Tides and currents move heat around the planet.")) + "\n", UTF_8);
    Files.writeString(dir.resolve("queries.jsonl"), String.join("\n",
        "{\"_id\":\"q1\",\"text\":\"photosynthesis chlorophyll\"}",
        "{\"_id\":\"q2\",\"text\":\"volcano eruption\"}",
        "{\"_id\":\"q3\",\"text\":\"glacier\"}",
        "{\"_id\":\"q4\",\"text\":\"ocean tides\"}",
        "{\"_id\":\"q5\",\"text\":\"not judged at all\"}") + "\n", UTF_8);
    Path qrels = Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(qrels.resolve("test.tsv"), String.join("\n",
        "query-id\tcorpus-id\tscore",
        "q1\td1\t1",
        "q1\td2\t0",
        "q2\td3\t2",
        "q2\td4\t1",
        "q3\td5\t1",
        "q3\td6\t1",
        "q4\td8\t0") + "\n", UTF_8);
    return dir;
  }

  private static String doc(String id, String title, String text) {
    return "{\"_id\":\"" + id + "\",\"title\":\"" + title + "\",\"text\":\"" + text
        + "\",\"metadata\":{}}";
  }

  // Runs: q1 -> d1, d2; q2 -> d4, d3; q3 -> d7, d5 (d6 has no query word).
  private static final double NDCG_Q1 = 1.0;
  private static final double NDCG_Q2 = (1 + 2 / LOG2_3) / (2 + 1 / LOG2_3);
  private static final double NDCG_Q3 = (1 / LOG2_3) / (1 + 1 / LOG2_3);
  private static final double NDCG = (NDCG_Q1 + NDCG_Q2 + NDCG_Q3) / 3;
  private static final double RECALL = (1 + 1 + 0.5) / 3;
  private static final double MRR = (1 + 1 + 0.5) / 3;

  @Test
  void jsonMetricsOnATinyCollectionMatchHandComputedValues() throws IOException {
    CliRun run = CliRun.run("eval", "beir", tinyCollection().toString(), "--json").noStackTrace();
    assertThat(run.exit()).as("%s", run).isZero();

    JsonNode root = JSON.readTree(run.out());
    assertThat(root.isObject()).as("%s", run).isTrue();
    assertThat(names(root)).containsExactly("bm25");
    JsonNode bm25 = root.get("bm25");
    assertThat(names(bm25)).contains("ndcg@10", "recall@100", "mrr@10");
    assertThat(NDCG).isCloseTo(0.7488579, within(1e-6));
    assertThat(bm25.get("ndcg@10").asDouble()).isCloseTo(NDCG, within(1e-6));
    assertThat(bm25.get("recall@100").asDouble()).isCloseTo(RECALL, within(1e-9));
    assertThat(bm25.get("mrr@10").asDouble()).isCloseTo(MRR, within(1e-9));
    if (bm25.has("queries")) {
      assertThat(bm25.get("queries").asInt()).isEqualTo(3);
    }
  }

  @Test
  void textOutputShowsTheSameNumbers() throws IOException {
    CliRun run = CliRun.run("eval", "beir", tinyCollection().toString()).noStackTrace();
    assertThat(run.exit()).as("%s", run).isZero();
    // q1-q4 have judgments (q4 only non-relevant ones, so it is not averaged); q5 has none
    assertThat(run.out()).contains("split test, 4 queries").contains("indexed 8 documents")
        .contains(String.format("%-8s %9.4f %11.4f %9.4f", "bm25", NDCG, RECALL, MRR));
  }

  @Test
  void badInvocationsExplainThemselves() throws IOException {
    Path missing = tmp.resolve("no-such-collection");
    CliRun run = CliRun.run("eval", "beir", missing.toString(), "--json").noStackTrace();
    assertThat(run.exit()).as("%s", run).isEqualTo(Main.EXIT_FAILED);
    assertThat(run.err()).startsWith("papersift: " + missing).contains("not a directory");

    Path dir = tinyCollection();
    CliRun mode = CliRun.run("eval", "beir", dir.toString(), "--mode", "magic").noStackTrace();
    assertThat(mode.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(mode.err()).contains("--mode").contains("magic");

    CliRun split = CliRun.run("eval", "beir", dir.toString(), "--split", "../test")
        .noStackTrace();
    assertThat(split.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(split.err()).contains("../test");

    CliRun noSplit = CliRun.run("eval", "beir", dir.toString(), "--split", "dev")
        .noStackTrace();
    assertThat(noSplit.exit()).isEqualTo(Main.EXIT_FAILED);
    assertThat(noSplit.err()).contains("qrels/dev.tsv");
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The shared SciFact copy; skipped locally when absent, a failure on CI. */
  private static Path scifact() {
    String configured = System.getProperty("papersift.shared");
    Path shared = configured != null && !configured.isBlank()
        ? Path.of(configured) : Path.of("..", "shared");
    Path dir = shared.resolve("data").resolve("scifact").toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("corpus.jsonl"))) {
      String message = "SciFact not found at " + dir
          + " (set -Dpapersift.shared=<dir containing data/scifact>)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + "; CI=true, so the data set is required");
      }
      Assumptions.abort(message + "; skipping");
    }
    return dir;
  }

  @Test
  void scifactTestSplitBm25ReachesThePublishedBaseline() throws IOException {
    Path dir = scifact();
    CliRun run = CliRun.run("eval", "beir", dir.toString(), "--json").noStackTrace();
    assertThat(run.exit()).as("%s", run).isZero();
    JsonNode bm25 = JSON.readTree(run.out()).get("bm25");
    assertThat(bm25).as("%s", run).isNotNull();
    // Anserini's Lucene BM25 on SciFact test: nDCG@10 0.679
    assertThat(bm25.get("ndcg@10").asDouble()).isGreaterThanOrEqualTo(0.67);
    assertThat(bm25.get("recall@100").asDouble()).isBetween(0.80, 1.0);
    assertThat(bm25.get("mrr@10").asDouble()).isBetween(0.5, 1.0);
    if (bm25.has("queries")) {
      assertThat(bm25.get("queries").asInt()).isEqualTo(300);
    }
    assertThat(run.out().strip()).startsWith("{");
  }
}
