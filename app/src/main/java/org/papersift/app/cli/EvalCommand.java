package org.papersift.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.papersift.app.DataDir;
import org.papersift.app.SemanticSettings;
import org.papersift.app.eval.BeirCollection;
import org.papersift.app.eval.BeirEvaluation;
import org.papersift.app.ingest.IngestTotals;
import org.papersift.core.query.SearchMode;
import org.papersift.search.Fusion;
import org.papersift.search.Ranking;
import org.papersift.search.VectorFormat;
import org.papersift.search.embed.EmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** papersift eval: search quality on standard collections. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Measure search and recommendation quality.",
    subcommands = {EvalCommand.Beir.class, EvalRecommendCommand.class})
final class EvalCommand implements Runnable {
  @picocli.CommandLine.ParentCommand Main main;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "eval needs a subcommand: beir or recommend");
  }

  /** The ranking modes this build has; "all" runs each. */
  static final List<String> MODES = List.of("bm25", "dense", "hybrid");

  @Command(name = "beir", mixinStandardHelpOptions = true,
      description = {"Index a BEIR-layout collection (corpus.jsonl, queries.jsonl, qrels) in a",
          "temporary data directory and print nDCG@10, Recall@100 and MRR@10 as trec_eval",
          "computes them."})
  static final class Beir implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The collection directory.")
    Path dir;

    @Option(names = "--mode", defaultValue = "bm25",
        description = "Ranking to evaluate: bm25, dense, hybrid, or all (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--model", description = "Embedding model for dense and hybrid"
        + " (default: $PAPERSIFT_MODEL, else bge-small-en-v1.5).")
    String model;

    @Option(names = "--max-tokens", description = "Tokens of each paper the model reads"
        + " (default: the model's limit).")
    Integer maxTokens;

    @Option(names = "--fusion", description = "Hybrid fusion: convex or rrf (default: the"
        + " product's).")
    String fusionMethod;

    @Option(names = "--weight", description = "Convex fusion: weight of the dense score, 0-1.")
    Float weight;

    @Option(names = "--normalization", description = "Convex fusion: minmax, max or zscore.")
    String normalization;

    @Option(names = "--depth", description = "Hybrid: candidates taken from each ranking.")
    Integer depth;

    @Option(names = "--vectors", description = "Index vectors as float32 or int8 (default:"
        + " $PAPERSIFT_VECTORS, else float32). A fresh --keep directory per format.")
    String vectors;

    @Option(names = "--keep", paramLabel = "DIR", description = "Use (and keep) this data"
        + " directory instead of a temporary one: vectors computed once are reused by later runs.")
    Path keep;

    @Option(names = "--split", defaultValue = "test",
        description = "Which qrels: test or train (default: ${DEFAULT-VALUE}). Tune on train only.")
    String split;

    @Option(names = "--json", description = "Print {mode: {ndcg@10, recall@100, mrr@10, ...}}.")
    boolean json;

    @Option(names = "--k1", description = "BM25 k1 (default: the product's, 0.9).")
    Float k1;

    @Option(names = "--b", description = "BM25 b (default: the product's, 0.75).")
    Float b;

    @Option(names = "--title-boost", description = "Title weight (default: the product's).")
    Float titleBoost;

    @Option(names = "--abstract-boost", description = "Abstract weight (default: the product's).")
    Float abstractBoost;

    @Override
    public Integer call() throws IOException {
      List<String> modes = mode.equals("all") ? MODES : List.of(mode);
      for (String m : modes) {
        if (!MODES.contains(m)) {
          throw new IllegalArgumentException("--mode: expected one of " + MODES + " or all, got "
              + m);
        }
      }
      Ranking d = Ranking.DEFAULT;
      Ranking ranking = new Ranking(k1 != null ? k1 : d.k1(), b != null ? b : d.b(),
          titleBoost != null ? titleBoost : d.titleBoost(),
          abstractBoost != null ? abstractBoost : d.abstractBoost());
      SemanticSettings env = SemanticSettings.fromEnvironment(System.getenv());
      EmbeddingModel m = model != null ? EmbeddingModel.byId(model) : env.model();
      SemanticSettings semantic = new SemanticSettings(m,
          maxTokens != null ? maxTokens : model != null ? m.maxTokens() : env.maxTokens(),
          vectors != null ? VectorFormat.of(vectors) : env.vectorFormat());
      Fusion f = semantic.fusion();
      Fusion fusion = new Fusion(fusionMethod == null ? f.method()
          : Fusion.Method.valueOf(fusionMethod.toUpperCase(java.util.Locale.ROOT)),
          normalization == null ? f.normalization()
              : Fusion.Normalization.valueOf(normalization.toUpperCase(java.util.Locale.ROOT)),
          weight != null ? weight : f.weight(), f.rrfK(), depth != null ? depth : f.depth());
      BeirCollection collection = BeirCollection.load(dir, split);
      Path tmp = keep != null ? keep : Files.createTempDirectory("papersift-eval-");
      Map<String, Object> results = new LinkedHashMap<>();
      try (BeirEvaluation eval = new BeirEvaluation(collection, new DataDir(tmp), ranking,
          semantic, fusion)) {
        if (!json) {
          System.out.printf("eval beir: %s, split %s, %,d queries; model %s (max %d tokens,"
              + " %s vectors), fusion %s weight %.2f%n", dir, split, collection.queries().size(),
              semantic.model().id(), semantic.maxTokens(), semantic.vectorFormat(),
              fusion.method(), fusion.weight());
          System.out.printf("BM25 k1=%.2f b=%.2f,"
                  + " title x%.2f, abstract x%.2f%n",
              ranking.k1(), ranking.b(), ranking.titleBoost(), ranking.abstractBoost());
        }
        IngestTotals t = eval.load();
        if (!json) {
          System.out.printf("indexed %,d documents in %.1f s%n", t.added(),
              t.elapsed().toNanos() / 1e9);
          System.out.printf("%-8s %9s %11s %9s %9s%n", "mode", "nDCG@10", "Recall@100",
              "MRR@10", "query ms");
        }
        if (modes.stream().anyMatch(x -> !x.equals("bm25"))) {
          long t0 = System.nanoTime();
          long n = eval.embed(done -> { });
          System.err.printf("embedded %,d documents with %s (max %d tokens) in %.1f s%n", n,
              semantic.model().id(), semantic.maxTokens(), (System.nanoTime() - t0) / 1e9);
        }
        for (String name : modes) {
          BeirEvaluation.ModeResult r = eval.run(SearchMode.of(name));
          results.put(name, r.metrics());
          if (!json) {
            System.out.printf("%-8s %9.4f %11.4f %9.4f %9.2f%n", name, r.metrics().ndcg10(),
                r.metrics().recall100(), r.metrics().mrr10(),
                r.queryTime().toNanos() / 1e6 / Math.max(1, r.metrics().queries()));
          }
        }
      } finally {
        if (keep == null) {
          deleteTree(tmp);
        }
      }
      if (json) {
        System.out.println(SearchCommand.JSON.writeValueAsString(results));
      }
      return Main.EXIT_OK;
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
