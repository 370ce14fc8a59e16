package org.papersift.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.papersift.app.eval.LatencyStats;
import org.papersift.core.paper.Paper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * papersift bench http: drives a running server over HTTP with concurrent clients, one page type
 * at a time, and prints latency percentiles, requests/s and errors per page type. The requests
 * come from a papers file (every n-th title is a query, its id a paper page, its date a day), so
 * runs are reproducible and comparable.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
    description = {"Load-test a running 'papersift serve' over HTTP: for each page type, N",
        "concurrent clients send requests and the latency percentiles, requests/s and errors",
        "are printed. Start the server first, e.g. './papersift serve' in another terminal."})
final class BenchHttpCommand implements Callable<Integer> {
  /** The page types, in the order they run, and the path each sampled paper becomes. */
  private static final Map<String, Function<Paper, String>> PAGES = pageTypes();

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
      description = "The server (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--queries", required = true, paramLabel = "FILE",
      description = "A papers file (.jsonl/.jsonl.gz): every --every'th paper gives a query"
          + " (its title), a paper page (its id) and a day (its date).")
  Path queries;

  @Option(names = "--every", defaultValue = "374",
      description = "Take every N-th paper of the file (default: ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--clients", defaultValue = "8",
      description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--requests", defaultValue = "2000",
      description = "Measured requests per page type (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "400",
      description = "Unmeasured requests per page type first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--pages", split = ",", paramLabel = "TYPE",
      description = "Page types to run (default: all): search, paper, daily, trending,"
          + " api-search, api-paper, api-daily.")
  List<String> pages;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || requests < 1 || warmup < 0) {
      throw new IllegalArgumentException("--clients and --requests must be at least 1,"
          + " --warmup at least 0");
    }
    if (!Files.isRegularFile(queries) || !SampledPapers.isPapersFile(queries)) {
      throw new IllegalArgumentException("--queries " + queries
          + ": expected a papers file (.jsonl or .jsonl.gz)");
    }
    List<String> types = pages == null || pages.isEmpty() ? List.copyOf(PAGES.keySet()) : pages;
    for (String t : types) {
      if (!PAGES.containsKey(t)) {
        throw new IllegalArgumentException("--pages: unknown page type '" + t + "'; known: "
            + String.join(", ", PAGES.keySet()));
      }
    }
    List<Paper> sample = SampledPapers.every(queries, every).stream()
        .filter(p -> p.published() != null).toList();
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("--queries " + queries + ": no dated papers in it");
    }
    // One kept-alive connection per client (the JDK pools 5 per server unless told).
    System.setProperty("http.maxConnections", Integer.toString(Math.max(5, clients)));
    long papersServed = serverPapers();

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("url", url.toString());
    out.put("server_papers", papersServed);
    out.put("sample", sample.size());
    out.put("clients", clients);
    out.put("requests_per_type", requests);
    out.put("machine", Machine.describe());
    if (!json) {
      System.out.printf("bench http: %s (%,d papers), %d concurrent clients, %,d requests per page"
          + " type after %,d warm-up, paths from %,d papers of %s%n", url, papersServed, clients,
          requests, warmup, sample.size(), queries);
      System.out.println("machine (client side; the server shares it over loopback): "
          + out.get("machine"));
      System.out.printf("%-11s %8s %8s %8s %8s %8s %9s %7s%n", "page", "p50 ms", "p95 ms",
          "p99 ms", "max ms", "mean ms", "req/s", "errors");
    }
    Map<String, Object> results = new LinkedHashMap<>();
    long totalErrors = 0;
    for (String type : types) {
      List<String> paths = sample.stream().map(PAGES.get(type)).toList();
      run(paths, warmup, null);
      LatencyStats stats = new LatencyStats();
      Errors errors = new Errors();
      long wall = run(paths, requests, new Recorder(stats, errors));
      LatencyStats.Summary s = stats.summary(wall);
      totalErrors += errors.count.get();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("requests", s.count());
      r.put("errors", errors.count.get());
      if (errors.first.get() != null) {
        r.put("first_error", errors.first.get());
      }
      r.put("p50_ms", BenchCommand.round(s.p50Nanos() / 1e6, 2));
      r.put("p95_ms", BenchCommand.round(s.p95Nanos() / 1e6, 2));
      r.put("p99_ms", BenchCommand.round(s.p99Nanos() / 1e6, 2));
      r.put("max_ms", BenchCommand.round(s.maxNanos() / 1e6, 2));
      r.put("mean_ms", BenchCommand.round(s.meanNanos() / 1e6, 2));
      r.put("requests_per_second", Math.round(s.perSecond()));
      results.put(type, r);
      if (!json) {
        System.out.printf("%-11s %8.2f %8.2f %8.2f %8.2f %8.2f %9d %7d%n", type,
            s.p50Nanos() / 1e6, s.p95Nanos() / 1e6, s.p99Nanos() / 1e6, s.maxNanos() / 1e6,
            s.meanNanos() / 1e6, Math.round(s.perSecond()), errors.count.get());
        if (errors.first.get() != null) {
          System.out.println("  first error: " + errors.first.get());
        }
      }
    }
    out.put("pages", results);
    if (json) {
      System.out.println(SearchCommand.JSON.writeValueAsString(out));
    }
    return totalErrors == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  private static Map<String, Function<Paper, String>> pageTypes() {
    Map<String, Function<Paper, String>> m = new LinkedHashMap<>();
    m.put("search", p -> "/search?q=" + encode(p.title()));
    m.put("paper", p -> "/papers/" + p.id());
    m.put("daily", p -> "/daily?date=" + p.published());
    m.put("trending", p -> "/trending");
    m.put("api-search", p -> "/api/papers/search?q=" + encode(p.title()) + "&limit=10");
    m.put("api-paper", p -> "/api/papers/" + p.id());
    m.put("api-daily", p -> "/api/daily_papers?date=" + p.published());
    return m;
  }

  /** What a measured run keeps: latencies and failures. */
  private record Recorder(LatencyStats stats, Errors errors) {}

  private static final class Errors {
    final AtomicLong count = new AtomicLong();
    final AtomicReference<String> first = new AtomicReference<>();

    void add(String what) {
      count.incrementAndGet();
      first.compareAndSet(null, what);
    }
  }

  /** Sends {@code n} requests over the paths from {@link #clients} threads; returns wall ns. */
  private long run(List<String> paths, int n, Recorder recorder)
      throws InterruptedException {
    AtomicLong next = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      workers.add(Thread.ofPlatform().start(() -> {
        for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          String path = paths.get((int) (i % paths.size()));
          long t0 = System.nanoTime();
          String error = null;
          try {
            int status = get(path);
            if (status != 200) {
              error = "HTTP " + status + " for " + path;
            }
          } catch (IOException e) {
            error = e + " for " + path;
          }
          long took = System.nanoTime() - t0;
          if (recorder != null) {
            recorder.stats().record(took);
            if (error != null) {
              recorder.errors().add(error);
            }
          }
        }
      }));
    }
    for (Thread w : workers) {
      w.join();
    }
    return System.nanoTime() - start;
  }

  /**
   * One GET, the body read to the end so the connection goes back to the keep-alive pool. A
   * blocking HttpURLConnection, not java.net.http.HttpClient: on a 2-core machine shared with the
   * server, the load generator must cost little CPU, and the asynchronous client cost about as
   * much per request as the server's paper page itself.
   */
  private int get(String path) throws IOException {
    HttpURLConnection c = open(url.resolve(path), 30_000);
    int status = c.getResponseCode();
    try (InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      if (body != null) {
        body.transferTo(OutputStream.nullOutputStream());
      }
    }
    return status;
  }

  private long serverPapers() {
    URI status = url.resolve("/api/status");
    try {
      HttpURLConnection c = open(status, 10_000);
      if (c.getResponseCode() != 200) {
        throw new IllegalArgumentException(status + " answered HTTP " + c.getResponseCode()
            + ": is this a papersift server?");
      }
      try (InputStream body = c.getInputStream()) {
        return SearchCommand.JSON.readTree(body).path("stored").asLong();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot reach " + status + " (" + e.getMessage()
          + "): start the server first, e.g. './papersift serve'");
    }
  }

  private static HttpURLConnection open(URI uri, int readTimeoutMs) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(5_000);
    c.setReadTimeout(readTimeoutMs);
    return c;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
