package org.papersift.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.eval.LatencyStats;
import org.papersift.app.ingest.IngestTotals;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** papersift bench: reproducible speed figures, printed with the corpus and the machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure speed: ingest + index throughput, search latency, embedding, digests.",
    subcommands = {BenchCommand.Ingest.class, BenchCommand.Search.class,
        BenchEmbedCommand.class, BenchCorpusCommand.class, BenchHttpCommand.class,
        BenchDigestCommand.class})
final class BenchCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
        "bench needs a subcommand: ingest, search, embed, corpus, http or digest");
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {"Ingest FILE into a fresh temporary data directory, end to end (read,",
          "parse, store, BM25 index, commit), and print papers/s."})
  static final class Ingest implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A papers file, e.g. papers.jsonl.gz.")
    Path file;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      Path tmp = Files.createTempDirectory("papersift-bench-");
      try {
        long start = System.nanoTime();
        long cpu0 = BenchDigestCommand.processCpuNanos();
        IngestTotals t;
        long indexBytes;
        long dbBytes;
        long stored;
        long indexed;
        try (Papersift app = Papersift.open(new DataDir(tmp))) {
          t = IngestCommand.ingest(app, List.of(file), 10, false);
          stored = app.store().count();
          indexed = app.index().count();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (BenchDigestCommand.processCpuNanos() - cpu0) / 1e9;
        DataDir d = new DataDir(tmp);
        indexBytes = sizeOf(d.index());
        dbBytes = sizeOf(d.database());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("corpus", file.toString());
        out.put("corpus_bytes", Files.size(file));
        out.put("papers", stored);
        out.put("indexed", indexed);
        out.put("rejected", t.rejected());
        out.put("machine", Machine.describe());
        double pipeline = t.elapsed().toNanos() / 1e9;
        out.put("seconds", round(seconds, 2));
        out.put("papers_per_second", Math.round(stored / seconds));
        out.put("pipeline_seconds", round(pipeline, 2));
        out.put("pipeline_papers_per_second", Math.round(stored / pipeline));
        out.put("cpu_seconds", round(cpuSeconds, 2));
        out.put("store_mb", round(dbBytes / 1e6, 1));
        out.put("index_mb", round(indexBytes / 1e6, 1));
        if (json) {
          System.out.println(SearchCommand.JSON.writeValueAsString(out));
        } else {
          System.out.printf("bench ingest: %s (%,d bytes)%n", file, Files.size(file));
          System.out.println("machine: " + out.get("machine"));
          System.out.printf("papers: %,d stored, %,d indexed, %,d rejected%n", stored, indexed,
              t.rejected());
          System.out.printf("ingest + BM25 index, first byte read to index committed: %.2f s ="
              + " %,d papers/s%n", pipeline, Math.round(stored / pipeline));
          System.out.printf("the same with opening the new data directory (schema migration) and"
              + " closing it: %.2f s = %,d papers/s%n", seconds, Math.round(stored / seconds));
          // CPU time tells a slow run on a busy machine from a slow program: the same work costs
          // the same CPU-seconds, whatever else the machine is doing.
          System.out.printf("CPU: %.1f s of process CPU time (all threads) in %.1f s: %.2f cores"
              + " busy on average, %,.0f papers per CPU-second%n", cpuSeconds, seconds,
              cpuSeconds / seconds, stored / cpuSeconds);
          System.out.printf("on disk: store %.1f MB, index %.1f MB%n", dbBytes / 1e6,
              indexBytes / 1e6);
        }
      } finally {
        EvalCommand.deleteTree(tmp);
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = {"Run queries against the data directory's index, one at a time, and print",
          "latency percentiles and queries/s. Queries: a text file with one query per line, or a",
          "papers file (.jsonl / .jsonl.gz) whose every --every'th title becomes a query."})
  static final class Search implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--queries", required = true, paramLabel = "FILE",
        description = "Queries: text lines, or a papers file (titles).")
    Path queries;

    @Option(names = "--every", defaultValue = "374",
        description = "With a papers file: take every N-th title (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = {"-n", "--limit"}, defaultValue = "10",
        description = "Results per query (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--rounds", defaultValue = "5",
        description = "Measured passes over the queries (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "3",
        description = "Unmeasured passes first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "1",
        description = "Client threads issuing queries (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--mode", defaultValue = "bm25", description = "Ranking: bm25, dense or"
        + " hybrid; dense and hybrid include embedding the query (default: ${DEFAULT-VALUE}).")
    String mode;

    @Override
    public Integer call() throws Exception {
      SearchMode searchMode = SearchMode.of(mode);
      List<String> qs = loadQueries();
      if (qs.isEmpty()) {
        throw new IllegalArgumentException("--queries " + queries + ": no queries in it");
      }
      try (Papersift app = Papersift.open(bench.main.dataDir())) {
        app.catchUpIndex(n -> { });
        int docs = app.index().count();
        if (docs == 0) {
          throw new IllegalArgumentException("the index in " + app.dir().root() + " is empty:"
              + " ingest papers first (papersift --data DIR ingest FILE)");
        }
        long embedded = app.embeddedCount();
        if (searchMode != SearchMode.BM25 && embedded == 0) {
          throw new IllegalArgumentException("no paper is embedded with "
              + app.semantic().model().id() + " in " + app.dir().root()
              + ": run 'papersift embed' first");
        }
        AtomicLong hits = new AtomicLong();
        for (int i = 0; i < warmup; i++) {
          runPass(app, qs, 1, null, hits, searchMode);
        }
        LatencyStats stats = new LatencyStats();
        long wall = 0;
        for (int i = 0; i < rounds; i++) {
          wall += runPass(app, qs, threads, stats, hits, searchMode);
        }
        LatencyStats.Summary s = stats.summary(wall);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("corpus_papers", docs);
        out.put("mode", searchMode.id());
        out.put("embedded", embedded);
        if (searchMode != SearchMode.BM25) {
          out.put("model", app.semantic().model().id());
          out.put("vectors", app.semantic().vectorFormat().name().toLowerCase());
        }
        out.put("queries", qs.size());
        out.put("samples", s.count());
        out.put("threads", threads);
        out.put("limit", limit);
        out.put("machine", Machine.describe());
        out.put("p50_ms", round(s.p50Nanos() / 1e6, 3));
        out.put("p95_ms", round(s.p95Nanos() / 1e6, 3));
        out.put("p99_ms", round(s.p99Nanos() / 1e6, 3));
        out.put("mean_ms", round(s.meanNanos() / 1e6, 3));
        out.put("queries_per_second", Math.round(s.perSecond()));
        if (json) {
          System.out.println(SearchCommand.JSON.writeValueAsString(out));
        } else {
          System.out.printf("bench search: mode %s%s, %,d queries from %s x %d rounds (after %d"
              + " warm-up), %d thread(s), top %d, over %,d papers (%,d embedded)%n",
              searchMode.id(), searchMode == SearchMode.BM25 ? "" : " (" + out.get("model") + ", "
                  + out.get("vectors") + " vectors, query embedding included)", qs.size(),
              queries, rounds, warmup, threads, limit, docs, embedded);
          System.out.println("machine: " + out.get("machine"));
          System.out.printf("latency ms: p50 %.3f  p95 %.3f  p99 %.3f  mean %.3f  max %.3f%n",
              s.p50Nanos() / 1e6, s.p95Nanos() / 1e6, s.p99Nanos() / 1e6, s.meanNanos() / 1e6,
              s.maxNanos() / 1e6);
          System.out.printf("throughput: %,d queries/s%n", Math.round(s.perSecond()));
        }
      }
      return Main.EXIT_OK;
    }

    /** One pass over the queries on {@code n} threads; returns its wall time in ns. */
    private long runPass(Papersift app, List<String> qs, int n, LatencyStats stats,
        AtomicLong hits, SearchMode searchMode) throws InterruptedException {
      AtomicLong next = new AtomicLong();
      List<Thread> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < n; t++) {
        workers.add(Thread.ofPlatform().start(() -> {
          for (long i = next.getAndIncrement(); i < qs.size(); i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            int found = app.search(SearchQuery.of(qs.get((int) i), limit), searchMode)
                .hits().size();
            long took = System.nanoTime() - t0;
            hits.addAndGet(found);
            if (stats != null) {
              stats.record(took);
            }
          }
        }));
      }
      for (Thread w : workers) {
        w.join();
      }
      return System.nanoTime() - start;
    }

    private List<String> loadQueries() throws IOException {
      if (SampledPapers.isPapersFile(queries)) {
        return SampledPapers.every(queries, every).stream().map(Paper::title).toList();
      }
      try (Stream<String> lines = Files.lines(queries)) {
        return lines.map(String::strip).filter(l -> !l.isEmpty()).toList();
      }
    }
  }

  static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  static long sizeOf(Path p) {
    if (!Files.exists(p)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
