package org.papersift.app.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.papersift.app.DataDir;
import org.papersift.app.ProgressLine;
import org.papersift.app.SemanticSettings;
import org.papersift.app.eval.LatencyStats;
import org.papersift.app.eval.RecommendEvaluation;
import org.papersift.app.recommend.Recommendations;
import org.papersift.core.recommend.Recommender;
import org.papersift.search.embed.EmbeddingModel;
import org.papersift.store.Database;
import org.papersift.store.PaperStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** papersift eval recommend: the recommendation model against baselines, on simulated readers. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = {"Evaluate recommendations on the papers of the data directory: every author",
        "with enough papers is a reader whose library is their papers; the newest are held out",
        "by date and every method ranks all papers from the split date on. Prints precision@10",
        "and nDCG@10 of the learned model, nearest centroid, category, popularity and random.",
        "Needs vectors of --model ('papersift embed' first)."})
final class EvalRecommendCommand implements Callable<Integer> {
  @ParentCommand EvalCommand eval;

  @Option(names = "--min-papers", defaultValue = "6",
      description = "Authors with at least this many papers are readers (default: ${DEFAULT-VALUE}).")
  int minPapers;

  @Option(names = "--holdout", defaultValue = "0.3",
      description = "Share of each reader's papers held out, newest first (default: ${DEFAULT-VALUE}).")
  double holdout;

  @Option(names = "--min-test", defaultValue = "2",
      description = "Fewest papers held out per reader (default: ${DEFAULT-VALUE}).")
  int minTest;

  @Option(names = "--model", description = "Embedding model whose stored vectors are used"
      + " (default: $PAPERSIFT_MODEL, else " + SemanticSettings.DEFAULT_MODEL + ").")
  String model;

  @Option(names = "--split", defaultValue = "test", description = "test, or validation: hide"
      + " the test papers and split each library again; choose settings there (default:"
      + " ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--methods", split = ",", description = "Methods to run, comma-separated"
      + " (default: all of model, centroid, category, popularity, random).")
  List<String> methods;

  @Option(names = "--l2", description = "The model's L2 weight (default: the product's).")
  Double l2;

  @Option(names = "--negatives-per-positive",
      description = "Negatives sampled per library paper (default: the product's).")
  Integer negativesPerPositive;

  @Option(names = "--pool", description = "Negatives are drawn from this many newest papers"
      + " before the split date (default: the product's, " + Recommendations.NEGATIVE_POOL + ").")
  Integer pool;

  @Option(names = "--max-users", defaultValue = "0", description = "Evaluate a fixed sample of"
      + " this many readers; 0 for all (default: ${DEFAULT-VALUE}).")
  int maxUsers;

  @Option(names = "--threads", description = "Readers evaluated at once (default: the cores).")
  Integer threads;

  @Option(names = "--json", description = "Print {method: {precision@10, ndcg@10, users, ...}};"
      + " the settings and totals go to stderr.")
  boolean json;

  @Override
  public Integer call() {
    if (!split.equals("test") && !split.equals("validation")) {
      throw new IllegalArgumentException("--split: expected test or validation, got " + split);
    }
    String modelId = model != null ? EmbeddingModel.byId(model).id()
        : SemanticSettings.fromEnvironment(System.getenv()).model().id();
    Recommender.Settings r = Recommender.DEFAULTS;
    if (l2 != null) {
      r = r.withL2(l2);
    }
    if (negativesPerPositive != null) {
      r = r.withNegativesPerPositive(negativesPerPositive);
    }
    RecommendEvaluation.Settings settings = new RecommendEvaluation.Settings(minPapers, holdout,
        minTest, split.equals("validation"),
        pool != null ? pool : Recommendations.NEGATIVE_POOL, r, maxUsers,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
    List<String> run = methods == null ? RecommendEvaluation.METHODS : methods;
    DataDir dir = eval.main.dataDir();
    if (!Files.isRegularFile(dir.database())) {
      throw new IllegalArgumentException("no papersift database in " + dir.root()
          + "; ingest papers and embed them first");
    }
    long t0 = System.nanoTime();
    RecommendEvaluation.Corpus corpus;
    try (PaperStore store = new PaperStore(Database.open(dir.database()))) {
      long stored = store.count();
      AtomicLong read = new AtomicLong();
      try (ProgressLine line = ProgressLine.onTerminal(() -> String.format(Locale.ROOT,
          "reading papers and vectors: %,d of %,d", read.get(), stored)).start()) {
        corpus = RecommendEvaluation.Corpus.load(store, modelId, read::set);
      }
    }
    if (corpus.size() == 0) {
      throw new IllegalArgumentException("no paper in " + dir.root()
          + " has a date and a vector of " + modelId
          + "; run 'papersift embed' with PAPERSIFT_MODEL=" + modelId);
    }
    List<String> header = new ArrayList<>();
    header.add(String.format(Locale.ROOT, "eval recommend: %s, %,d papers stored, %,d with a date"
            + " and a vector of %s (%s .. %s), split %s", dir.root(), corpus.stored(),
        corpus.size(), modelId, corpus.first(), corpus.last(), split));
    header.add("rule: " + settings.splitRule());
    header.add(String.format(Locale.ROOT, "model: l2 %s, %d negatives per positive (%d..%d),"
            + " drawn from the %,d newest papers before the split date; %d threads", r.l2(),
        r.negativesPerPositive(), r.minNegatives(), r.maxNegatives(), settings.negativePool(),
        settings.threads()));
    header.add("machine: " + Machine.describe());
    for (String h : header) {
      (json ? System.err : System.out).println(h);
    }
    RecommendEvaluation.Result result;
    AtomicLong readers = new AtomicLong();
    try (ProgressLine line = ProgressLine.onTerminal(() -> String.format(Locale.ROOT,
        "readers evaluated: %,d", readers.get())).start()) {
      result = RecommendEvaluation.run(corpus, settings, run, readers::set);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> footer = new ArrayList<>();
    footer.add(String.format(Locale.ROOT, "readers: %,d authors with >= %d papers, %,d evaluated;"
            + " per reader %.1f library papers, %.1f negatives, %.1f held out among %,.0f"
            + " candidates", result.readers(), minPapers, result.users(),
        result.meanPositives(), result.meanNegatives(), result.meanRelevant(),
        result.meanCandidates()));
    LatencyStats.Summary train = result.trainNanos();
    if (train.count() > 0) {
      footer.add(String.format(Locale.ROOT, "model training per reader: mean %.2f ms, p50 %.2f,"
          + " p95 %.2f, p99 %.2f", train.meanNanos() / 1e6, train.p50Nanos() / 1e6,
          train.p95Nanos() / 1e6, train.p99Nanos() / 1e6));
    }
    footer.add(String.format(Locale.ROOT, "%.1f s in all (%.1f s evaluating)", seconds,
        result.wallNanos() / 1e9));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      result.methods().forEach((name, m) -> {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("precision@10", m.precision10());
        o.put("ndcg@10", m.ndcg10());
        o.put("users", m.users());
        o.put("score_ms_mean", m.scoreNanos().meanNanos() / 1e6);
        if (name.equals("model") && train.count() > 0) {
          o.put("train_ms_mean", train.meanNanos() / 1e6);
          o.put("train_ms_p95", train.p95Nanos() / 1e6);
        }
        out.put(name, o);
      });
      for (String f : footer) {
        System.err.println(f);
      }
      try {
        System.out.println(SearchCommand.JSON.writeValueAsString(out));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
      return Main.EXIT_OK;
    }
    System.out.printf(Locale.ROOT, "%-11s %8s %8s %14s%n", "method", "P@10", "nDCG@10",
        "rank ms/reader");
    result.methods().forEach((name, m) -> System.out.printf(Locale.ROOT,
        "%-11s %8.4f %8.4f %14.2f%n", name, m.precision10(), m.ndcg10(),
        m.scoreNanos().meanNanos() / 1e6));
    for (String f : footer) {
      System.out.println(f);
    }
    return Main.EXIT_OK;
  }
}
