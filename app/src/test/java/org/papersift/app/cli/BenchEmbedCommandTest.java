package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code papersift bench embed} on a small generated file, MiniLM only (the fast model). */
class BenchEmbedCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "all-MiniLM-L6-v2";

  @TempDir static Path tmp;
  private static Path file;

  /** Ten papers, gzipped; the third has no abstract and is skipped. */
  @BeforeAll
  static void writeFile() throws IOException {
    file = tmp.resolve("papers.jsonl.gz");
    String[] topics = {"honeybee foraging", "graph colouring", "", "galaxy rotation",
        "protein folding", "quantum codes", "robot grasping", "monsoon rainfall",
        "prime gaps", "lithium electrolytes"};
    try (Writer w = new java.io.OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(file)), UTF_8)) {
      for (int i = 0; i < topics.length; i++) {
        String abs = topics[i].isEmpty() ? "" : ",\"abstract\":\"We study " + topics[i]
            + " with new methods and report results on standard benchmarks.\"";
        w.write("{\"id\":\"2503.0000" + i + "\",\"title\":\"Paper " + i + " on "
            + (topics[i].isEmpty() ? "nothing" : topics[i]) + "\"" + abs + "}\n");
      }
    }
  }

  /** Runs {@code papersift bench embed ARGS} in-process. */
  private static CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "bench";
    all[1] = "embed";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(all);
  }


  @Test
  void textOutputNamesCorpusMachineAndEveryFigure() {
    CliRun r = run("--model", MODEL, "--passages", "8", "--from", file.toString());
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.out()).as("%s", r)
        .contains("bench embed: 8 passages (title. abstract) from " + file)
        .contains("machine: ")
        .contains(" cores; JVM ")
        .containsPattern("(?m)^" + MODEL + " \\(max 128 tokens, \\d+ threads, loaded in"
            + " [\\d.]+ s\\): mean [\\d.]+ tokens; [\\d.]+ passages/s, bare ONNX Runtime [\\d.]+"
            + " passages/s, overhead -?[\\d.]+%; query p50 [\\d.]+ ms, p90 [\\d.]+ ms$")
        .doesNotContain("bge-small");
  }

  @Test
  void jsonHasTheFiguresOfEachModel() throws IOException {
    CliRun r = run("--model", MODEL, "--max-tokens", "64", "--passages", "8", "--from",
        file.toString(), "--json");
    assertThat(r.exit()).as("%s", r).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("corpus").asText()).isEqualTo(file.toString());
    assertThat(root.get("passages").asInt()).isEqualTo(8);
    assertThat(root.get("machine").asText()).contains("cores");
    assertThat(root.get("models")).hasSize(1);
    JsonNode m = root.get("models").get(0);
    assertThat(m.get("model").asText()).isEqualTo(MODEL);
    assertThat(m.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(m.get("threads").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    // "Paper N on <topic>. We study <topic> with ...": about 20 tokens with [CLS] and [SEP]
    assertThat(m.get("mean_tokens").asDouble()).isBetween(12.0, 40.0);
    assertThat(m.get("passages_per_second").asDouble()).isPositive();
    assertThat(m.get("raw_passages_per_second").asDouble()).isPositive();
    double overhead = m.get("raw_passages_per_second").asDouble()
        / m.get("passages_per_second").asDouble() * 100 - 100;
    assertThat(m.get("overhead_percent").asDouble()).isCloseTo(overhead,
        org.assertj.core.api.Assertions.within(1.0));
    assertThat(m.get("query_p50_ms").asDouble()).isPositive()
        .isLessThanOrEqualTo(m.get("query_p90_ms").asDouble());
    assertThat(m.get("queries").asInt()).isEqualTo(8);
    assertThat(m.get("load_seconds").asDouble()).isPositive();
  }

  @Test
  void fewerPapersThanAskedUsesWhatTheFileHas() throws IOException {
    CliRun r = run("--model", MODEL, "--passages", "50", "--from", file.toString(), "--json");
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(JSON.readTree(r.out()).get("passages").asInt()).isEqualTo(9);
  }

  @Test
  void firstPapersSkipsPapersWithoutAnAbstractAndStopsEarly() {
    assertThat(BenchEmbedCommand.firstPapers(file, 3)).extracting(p -> p.id())
        .containsExactly("2503.00000", "2503.00001", "2503.00003");
  }

  private static boolean listedUnderBench() {
    CommandLine bench = new CommandLine(new Main()).getSubcommands().get("bench");
    return bench != null && bench.getSubcommands().containsKey("embed");
  }

  /** Through the real command line. */
  @Test
  void runsAsPapersiftBenchEmbedWithUsageErrorsAsExitTwo() {
    assertThat(listedUnderBench()).as("papersift bench lists embed").isTrue();
    CliRun ok = CliRun.run("bench", "embed", "--model", MODEL, "--passages", "8", "--from",
        file.toString()).noStackTrace();
    assertThat(ok.exit()).as("%s", ok).isZero();
    assertThat(ok.out()).contains("bench embed: 8 passages").contains(MODEL + " (max 128 tokens");

    CliRun badModel = CliRun.run("bench", "embed", "--model", "gpt-9", "--from",
        file.toString()).noStackTrace();
    assertThat(badModel.exit()).as("%s", badModel).isEqualTo(Main.EXIT_USAGE);
    assertThat(badModel.err()).contains("Unknown embedding model 'gpt-9'");

    CliRun noFile = CliRun.run("bench", "embed", "--model", MODEL, "--from",
        tmp.resolve("missing.jsonl").toString()).noStackTrace();
    assertThat(noFile.exit()).as("%s", noFile).isEqualTo(Main.EXIT_USAGE);
    assertThat(noFile.err()).contains("missing.jsonl: no such file");

    CliRun fewTokens = CliRun.run("bench", "embed", "--model", MODEL, "--max-tokens", "4",
        "--from", file.toString()).noStackTrace();
    assertThat(fewTokens.exit()).as("%s", fewTokens).isEqualTo(Main.EXIT_USAGE);
    assertThat(fewTokens.err()).contains("max tokens must be at least 16");
  }
}
