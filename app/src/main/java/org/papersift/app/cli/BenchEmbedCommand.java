package org.papersift.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.papersift.app.SemanticSettings;
import org.papersift.app.embed.EmbeddingText;
import org.papersift.core.paper.Paper;
import org.papersift.search.embed.Embedder;
import org.papersift.search.embed.EmbedderBench;
import org.papersift.search.embed.EmbeddingModel;
import org.papersift.sources.file.PaperFileReader;
import org.papersift.sources.file.RecordSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * papersift bench embed: passages per second of each embedding model on real abstracts, through
 * papersift's pipeline and through the bare ONNX Runtime model in the same run, and the latency
 * of one query.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {"Embed the first N papers of a file (title. abstract, as semantic search",
        "embeds them) and print passages/s through papersift's embedder and through the bare",
        "ONNX Runtime model on the same texts (taking turns, best of 3 rounds), the overhead,",
        "the mean tokens per passage, and the latency of one query (the titles as queries)."})
final class BenchEmbedCommand implements Callable<Integer> {
  static final String DEFAULT_FROM = "../shared/data/arxiv-sample/papers.jsonl.gz";

  @Option(names = "--model", paramLabel = "ID|all", description = "Model to measure, or all"
      + " (default: $PAPERSIFT_MODEL, else " + SemanticSettings.DEFAULT_MODEL + ").")
  String model;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Tokens of each passage the"
      + " model reads (default: the model's limit, or $PAPERSIFT_MAX_TOKENS for the default"
      + " model).")
  Integer maxTokens;

  @Option(names = "--passages", paramLabel = "N", defaultValue = "200",
      description = "Papers to embed (default: ${DEFAULT-VALUE}).")
  int passages;

  @Option(names = "--from", paramLabel = "FILE", defaultValue = DEFAULT_FROM,
      description = "Papers file, .jsonl or .jsonl.gz (default: ${DEFAULT-VALUE}).")
  Path from;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (passages < 1) {
      throw new IllegalArgumentException("--passages must be at least 1, got " + passages);
    }
    List<SemanticSettings> runs = settings();
    if (!Files.isRegularFile(from)) {
      throw new IllegalArgumentException("--from " + from + ": no such file");
    }
    List<Paper> papers = firstPapers(from, passages);
    if (papers.isEmpty()) {
      throw new IllegalArgumentException("--from " + from + ": no paper with an abstract in it");
    }
    List<String> texts = papers.stream().map(EmbeddingText::of).toList();
    List<String> queries = papers.stream().map(Paper::title).toList();
    int threads = Runtime.getRuntime().availableProcessors();

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("corpus", from.toString());
    out.put("passages", texts.size());
    out.put("machine", Machine.describe());
    List<Map<String, Object>> models = new ArrayList<>();
    out.put("models", models);
    if (!json) {
      System.out.printf("bench embed: %,d passages (title. abstract) from %s%n", texts.size(),
          from);
      System.out.println("machine: " + out.get("machine"));
    }
    for (SemanticSettings s : runs) {
      long t0 = System.nanoTime();
      EmbedderBench.Throughput t;
      EmbedderBench.Latency q;
      double loadSeconds;
      try (Embedder embedder = Embedder.open(s.model(), s.maxTokens(), threads)) {
        loadSeconds = (System.nanoTime() - t0) / 1e9;
        t = EmbedderBench.measure(embedder, texts);
        q = EmbedderBench.queryLatency(embedder, queries);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", t.modelId());
      m.put("max_tokens", t.maxTokens());
      m.put("threads", t.threads());
      m.put("load_seconds", BenchCommand.round(loadSeconds, 2));
      m.put("mean_tokens", BenchCommand.round(t.meanTokens(), 1));
      m.put("passages_per_second", BenchCommand.round(t.pipelinePerSecond(), 1));
      m.put("raw_passages_per_second", BenchCommand.round(t.rawPerSecond(), 1));
      m.put("overhead_percent", BenchCommand.round(t.overheadPercent(), 1));
      m.put("query_p50_ms", BenchCommand.round(q.p50Millis(), 2));
      m.put("query_p90_ms", BenchCommand.round(q.p90Millis(), 2));
      m.put("queries", q.queries());
      models.add(m);
      if (!json) {
        System.out.printf("%s (max %d tokens, %d threads, loaded in %.2f s): mean %.1f tokens;"
                + " %.1f passages/s, bare ONNX Runtime %.1f passages/s, overhead %.1f%%;"
                + " query p50 %.2f ms, p90 %.2f ms%n", t.modelId(), t.maxTokens(), t.threads(),
            loadSeconds, t.meanTokens(), t.pipelinePerSecond(), t.rawPerSecond(),
            t.overheadPercent(), q.p50Millis(), q.p90Millis());
      }
    }
    if (json) {
      System.out.println(SearchCommand.JSON.writeValueAsString(out));
    }
    return Main.EXIT_OK;
  }

  /** The models to measure, each with its token limit. */
  private List<SemanticSettings> settings() {
    if (model == null) {
      SemanticSettings env = SemanticSettings.fromEnvironment(System.getenv());
      return List.of(maxTokens == null ? env : new SemanticSettings(env.model(), maxTokens));
    }
    List<EmbeddingModel> chosen = model.strip().equalsIgnoreCase("all") ? EmbeddingModel.all()
        : List.of(EmbeddingModel.byId(model.strip()));
    return chosen.stream().map(m -> new SemanticSettings(m,
        maxTokens == null ? m.maxTokens() : maxTokens)).toList();
  }

  /** Stops the read once enough papers are in. */
  private static final class Enough extends RuntimeException {
    Enough() {
      super(null, null, false, false);
    }
  }

  /** The first {@code n} papers of the file that have an abstract, in file order. */
  static List<Paper> firstPapers(Path file, int n) {
    List<Paper> papers = new ArrayList<>(Math.min(n, 10_000));
    PaperFileReader.Result r;
    try {
      r = new PaperFileReader(file).read(new RecordSink() {
        @Override
        public void accept(Paper paper, String where) {
          if (paper.abstractText() != null) {
            papers.add(paper);
            if (papers.size() >= n) {
              throw new Enough();
            }
          }
        }

        @Override
        public void reject(String where, String reason) {
          // a bench takes what it can read
        }
      });
    } catch (Enough done) {
      return papers;
    }
    if (r.fileError() != null && papers.isEmpty()) {
      throw new IllegalArgumentException(r.fileError());
    }
    return papers;
  }
}
