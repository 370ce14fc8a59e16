package org.papersift.app.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestPlanner;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.recommend.Recommendations;
import org.papersift.core.account.UserStore;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.paper.Paper;
import org.papersift.store.SubscriptionStore;
import org.sqlite.SQLiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * papersift bench digest: plans and renders the digests of many subscribers against a copy of a
 * data directory, and reports digests/s and peak heap. Sending is not part of it.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = {"Copy the data directory (--data) to a temporary one, add --subscribers",
        "subscribers (60% anonymous, trending only; 40% with an account, 1 to 3 topic alerts drawn",
        "from the papers' titles and categories, some with a library and votes), then plan and",
        "render every digest once, as the scheduler would (sending excluded). Prints digests/s,",
        "time per step and peak heap. The data directory itself is not changed."})
final class BenchDigestCommand implements Callable<Integer> {
  @ParentCommand BenchCommand bench;

  @Option(names = "--subscribers", defaultValue = "10000",
      description = "Subscribers to plan for (default: ${DEFAULT-VALUE}).")
  int subscribers;

  @Option(names = "--threads", paramLabel = "N",
      description = "Planning workers (default: one per core).")
  Integer threads;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "When the digests are planned (default: 12:00 UTC on the day after the"
          + " newest paper, so the corpus has new papers).")
  String at;

  @Option(names = "--seed", defaultValue = "5", description = "Random seed (default:"
      + " ${DEFAULT-VALUE}).")
  long seed;

  private static final Set<String> STOP = Set.of("about", "after", "among", "based", "between",
      "beyond", "could", "their", "these", "those", "through", "toward", "towards", "under",
      "using", "which", "while", "within", "without", "where", "study", "model", "models",
      "approach", "method", "methods", "analysis", "learning", "paper", "novel", "results",
      "efficient", "large", "framework", "should", "other", "every", "there");

  private static final List<String> ZONES = List.of("UTC", "Europe/Paris", "Europe/London",
      "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata",
      "Australia/Sydney", "America/Sao_Paulo", "Africa/Cairo");

  @Override
  public Integer call() throws Exception {
    if (subscribers < 1) {
      throw new IllegalArgumentException("--subscribers must be at least 1, got " + subscribers);
    }
    DataDir source = bench.main.dataDir();
    if (!Files.exists(source.database())) {
      throw new IllegalArgumentException("no papersift data in " + source.root()
          + " (--data): ingest papers first");
    }
    Path tmp = Files.createTempDirectory("papersift-bench-digest-");
    try {
      long t0 = System.nanoTime();
      copy(source, new DataDir(tmp));
      double copyS = (System.nanoTime() - t0) / 1e9;
      try (Papersift app = Papersift.open(new DataDir(tmp))) {
        app.catchUpIndex(n -> { });
        return run(source, app, copyS);
      }
    } finally {
      EvalCommand.deleteTree(tmp);
    }
  }

  private int run(DataDir source, Papersift app, double copyS) {
    LocalDate newest = app.store().latestPublished().orElseThrow(() ->
        new IllegalArgumentException("the papers in " + source.root() + " have no dates"));
    Instant now = at != null ? Instant.parse(at)
        : newest.plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
    List<Paper> recent = app.store().publishedBetween(newest.minusDays(29), newest, false, 0,
        100_000);
    if (recent.isEmpty()) {
      throw new IllegalArgumentException("no paper in the 30 days before " + newest);
    }
    long recentInWeek = app.store().countPublishedBetween(newest.minusDays(6), newest);

    long s0 = System.nanoTime();
    Population pop = populate(app, recent, now);
    double setupS = (System.nanoTime() - s0) / 1e9;

    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    DigestSettings settings = DigestSettings.fromEnvironment(java.util.Map.of(),
        "https://papers.example.org/", "https://papers.example.org/");
    DigestPlanner planner = new DigestPlanner(app, settings, new Recommendations(app),
        DigestPlanner.tokens(app), workers);

    HeapWatch heap = new HeapWatch();
    long cpu0 = processCpuNanos();
    long p0 = System.nanoTime();
    DigestPlanner.Round round;
    try {
      round = planner.planDue(now);
    } finally {
      heap.stop();
    }
    double planS = (System.nanoTime() - p0) / 1e9;
    double cpuS = (processCpuNanos() - cpu0) / 1e9;
    DigestPlanner.Stats st = planner.stats();
    int built = round.planned() + round.empty();
    System.out.printf("bench digest: %,d subscribers (%,d anonymous, %,d with an account: %,d"
            + " alerts, %,d with a library), planned at %s%n", pop.subscribers, pop.anonymous,
        pop.accounts, pop.alerts, pop.libraries, now);
    System.out.printf("corpus: %s, %,d papers (%,d indexed, %,d embedded), newest %s, %,d in its"
            + " last 7 days%n", source.root(), app.store().count(), app.index().count(),
        app.embeddedCount(), newest, recentInWeek);
    System.out.println("machine: " + Machine.describe());
    System.out.printf("setup (not measured): copy %.1f s, subscribers %.1f s%n", copyS, setupS);
    System.out.printf("planned %,d digests (%,d empty, recorded without a message, %,d failed)"
            + " with %d worker(s) in %.2f s = %,.0f digests/s%n", round.planned(), round.empty(),
        round.failed(), workers, planS, built / planS);
    if (round.failed() > 0) {
      System.out.println("first failure: " + round.firstError());
    }
    System.out.printf("CPU: %.1f s of process CPU time while planning (all threads, GC and JIT"
            + " included) = %.2f ms per digest: %,.0f digests/s per core%s%n", cpuS,
        cpuS * 1e3 / built, built / cpuS, cpuS < planS * workers * 0.8
            ? " (the workers waited for CPU or locks: the machine is shared or the store"
                + " serializes)" : "");
    double busy = st.content().toNanos() + st.render().toNanos() + st.outbox().toNanos();
    System.out.printf("per digest (worker time): sections %.2f ms (%.0f%%), render + MIME %.2f ms"
            + " (%.0f%%), outbox + record %.2f ms (%.0f%%); %.1f papers, %.1f KB per message%n",
        st.content().toNanos() / 1e6 / built, 100 * st.content().toNanos() / busy,
        st.render().toNanos() / 1e6 / built, 100 * st.render().toNanos() / busy,
        st.outbox().toNanos() / 1e6 / built, 100 * st.outbox().toNanos() / busy,
        (double) st.papers() / built, st.messageBytes() / 1024.0 / Math.max(1, round.planned()));
    System.out.printf("alerts: %,d sections, %,d (%.0f%%) empty under the all-terms threshold%n",
        st.alerts(), st.emptyAlerts(), 100.0 * st.emptyAlerts() / Math.max(1, st.alerts()));
    System.out.printf("heap while planning: peak %,d MB (highest use seen: before a GC, or"
            + " sampled every 10 ms), at most %,d MB live after a GC, max heap %,d MB; %d GCs%n",
        heap.peak() >> 20, heap.maxAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20,
        heap.gcs());
    System.out.printf("outbox: %,d messages, database %.1f MB%n", app.outbox().counts(now)
        .planned(), BenchCommand.sizeOf(app.dir().database()) / 1e6);
    return round.failed() > 0 ? Main.EXIT_FAILED : Main.EXIT_OK;
  }

  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  private record Population(int subscribers, int anonymous, int accounts, int alerts,
      int libraries) {}

  /** Subscribers, accounts, alerts, libraries and votes; all active with no digest yet. */
  private Population populate(Papersift app, List<Paper> recent, Instant now) {
    Random rnd = new Random(seed);
    SubscriptionStore subs = app.subscriptions();
    UserStore users = app.users();
    int anonymous = 0;
    int accounts = 0;
    int alerts = 0;
    int libraries = 0;
    for (int i = 0; i < subscribers; i++) {
      String email = "reader" + i + "@bench.example.org";
      DigestSchedule schedule = new DigestSchedule(rnd.nextInt(4) == 0 ? Cadence.WEEKLY
          : Cadence.DAILY, LocalTime.of(5 + rnd.nextInt(5), 15 * rnd.nextInt(4)),
          ZoneId.of(ZONES.get(rnd.nextInt(ZONES.size()))));
      Long userId = null;
      if (rnd.nextInt(10) < 4) {
        accounts++;
        userId = users.createUser(email, "bench", now.minus(Duration.ofDays(30)))
            .orElseThrow().id();
        int n = 1 + rnd.nextInt(3);
        for (int a = 0; a < n; a++) {
          String q = alertQuery(recent.get(rnd.nextInt(recent.size())), rnd);
          subs.addAlert(userId, q, q, now.minus(Duration.ofDays(20)));
          alerts++;
        }
        if (rnd.nextInt(4) == 0) {
          libraries++;
          int saved = 5 + rnd.nextInt(16);
          for (int k = 0; k < saved; k++) {
            Paper p = recent.get(rnd.nextInt(recent.size()));
            Instant when = now.minus(Duration.ofMinutes(1 + rnd.nextInt(14 * 24 * 60)));
            users.save(userId, p.id(), null, when);
            if (rnd.nextBoolean()) {
              users.vote(userId, p.id(), when);
            }
          }
        }
      } else {
        anonymous++;
      }
      long id = subs.subscribe(email, userId, schedule, now.minus(Duration.ofDays(10))).id();
      subs.confirm(id, now.minus(Duration.ofDays(10)));
    }
    return new Population(subscribers, anonymous, accounts, alerts, libraries);
  }

  /** A query a reader of this paper might save: its telling words, a category, a negation. */
  private static String alertQuery(Paper p, Random rnd) {
    List<String> words = new ArrayList<>();
    for (String w : p.title().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 5 && !STOP.contains(w) && !words.contains(w)) {
        words.add(w);
      }
    }
    String cat = p.categories().isEmpty() ? null : p.categories().get(0);
    if (words.isEmpty()) {
      return cat != null ? "cat:" + cat : "learning";
    }
    String a = words.get(rnd.nextInt(words.size()));
    String b = words.size() > 1 ? words.get(rnd.nextInt(words.size())) : null;
    int kind = rnd.nextInt(20);
    if (kind < 9 && b != null && !b.equals(a)) {
      return a + " " + b;
    }
    if (kind < 14 && cat != null) {
      return a + " cat:" + cat;
    }
    if (kind < 17 && b != null && !b.equals(a)) {
      return "\"" + a + " " + b + "\"";
    }
    return a + " -survey";
  }

  /**
   * The store through SQLite's VACUUM INTO (a consistent copy even while another process writes
   * it, and nothing is written to the source: no migration), and the index's files.
   */
  private static void copy(DataDir from, DataDir to) throws IOException, SQLException {
    Files.createDirectories(to.root());
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection c = readOnly.createConnection("jdbc:sqlite:"
        + from.database().toAbsolutePath());
         Statement st = c.createStatement()) {
      st.execute("VACUUM INTO '" + to.database().toAbsolutePath().toString().replace("'", "''")
          + "'");
    }
    if (Files.isDirectory(from.index())) {
      Files.createDirectories(to.index());
      try (Stream<Path> files = Files.list(from.index())) {
        for (Path f : files.toList()) {
          if (Files.isRegularFile(f) && !f.getFileName().toString().equals("write.lock")) {
            Files.copy(f, to.index().resolve(f.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    if (Files.exists(from.secretKey())) {
      Files.copy(from.secretKey(), to.secretKey());
    }
  }

  /** The highest heap use seen while planning: by GC notifications and a 10 ms sampler. */
  private static final class HeapWatch {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong();
    private final AtomicLong gcs = new AtomicLong();
    private final List<Runnable> undo = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
      System.gc();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
      NotificationListener listener = (n, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
            .equals(n.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
            (CompositeData) n.getUserData());
        gcs.incrementAndGet();
        peak.accumulateAndGet(heapOf(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        afterGc.accumulateAndGet(heapOf(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
      };
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter e) {
          e.addNotificationListener(listener, null, null);
          undo.add(() -> {
            try {
              e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
              // gone already
            }
          });
        }
      }
      sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
        while (running) {
          peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
              .getUsed(), Math::max);
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }

    private static long heapOf(java.util.Map<String, MemoryUsage> pools) {
      long sum = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        MemoryUsage u = pools.get(pool.getName());
        if (pool.getType() == MemoryType.HEAP && u != null) {
          sum += u.getUsed();
        }
      }
      return sum;
    }

    void stop() {
      running = false;
      sampler.interrupt();
      undo.forEach(Runnable::run);
    }

    long peak() {
      return peak.get();
    }

    long maxAfterGc() {
      return afterGc.get();
    }

    long gcs() {
      return gcs.get();
    }
  }
}
