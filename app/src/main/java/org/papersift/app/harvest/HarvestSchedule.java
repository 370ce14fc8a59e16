package org.papersift.app.harvest;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.papersift.app.ArxivSettings;
import org.papersift.sources.arxiv.MetadataFormat;
import org.papersift.sources.arxiv.OaiPmhClient;
import org.papersift.sources.arxiv.PoliteHttp;
import org.papersift.store.PaperStore;

/**
 * serve's background harvest: at start and then {@code every} interval after the previous round
 * ends, an incremental OAI-PMH harvest of each set into the store (the index follower picks the
 * papers up). A round that fails (arXiv unreachable, an error answer) prints one line naming the
 * URL and the reason, is recorded in {@link HarvestStatus} for the status page, and is simply
 * tried again at the next interval: the site keeps serving what it has.
 *
 * <p>Owns its thread and its HTTP client (one connection, arXiv's pacing); close stops both.
 */
public final class HarvestSchedule implements AutoCloseable {
  public static final Duration DEFAULT_EVERY = Duration.ofHours(6);
  /** How far back the first harvest of a set goes. */
  public static final int FIRST_DAYS = 7;

  private final PaperStore store;
  private final List<String> sets;
  private final Duration every;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;
  private final PoliteHttp http;
  private final OaiPmhClient client;
  private final ScheduledExecutorService thread;
  private final AtomicLong rounds = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param sets OAI-PMH sets such as {@code cs} or {@code physics:hep-th}
   * @param out where a round's totals are printed
   * @param err where a failed round's one line goes
   */
  public HarvestSchedule(PaperStore store, ArxivSettings arxiv, List<String> sets,
      Duration every, Clock clock, PrintStream out, PrintStream err) {
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("a scheduled harvest needs at least one set");
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the harvest interval must be positive, got " + every);
    }
    this.store = store;
    this.sets = List.copyOf(sets);
    this.every = every;
    this.clock = clock;
    this.out = out;
    this.err = err;
    this.http = PoliteHttp.builder().minInterval(arxiv.minInterval()).timeout(arxiv.timeout())
        .maxRetries(arxiv.maxRetries()).build();
    this.client = new OaiPmhClient(http, arxiv.oaiBaseUrl());
    this.thread = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("arxiv-harvest").factory());
  }

  /** Runs the first round now, in the background, and the next ones every interval after. */
  public HarvestSchedule start() {
    thread.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** "sets cs, math every 6h from URL", for the start-up line. */
  public String describe() {
    return "arXiv " + String.join(", ", sets) + " every " + describe(every) + " from "
        + client.baseUrl();
  }

  /** Rounds finished so far, failed ones included. */
  public long rounds() {
    return rounds.get();
  }

  /**
   * One round: harvests every set, then records how it went. Never throws: an exception escaping
   * a scheduled task would silently cancel every later round.
   */
  void runOnce() {
    try {
      List<String> problems = new ArrayList<>();
      for (String set : sets) {
        if (closed) {
          return;
        }
        String problem = harvest(set);
        if (problem != null) {
          problems.add(problem);
        }
      }
      if (closed) {
        return; // stopped mid-round: not arXiv's failure
      }
      if (problems.isEmpty()) {
        HarvestStatus.succeeded(store, clock.instant());
      } else {
        HarvestStatus.failed(store, String.join("; ", problems));
      }
    } catch (RuntimeException e) {
      if (!closed) {
        err.println("papersift: harvest: cannot record the outcome: " + reason(e));
      }
    } finally {
      rounds.incrementAndGet();
    }
  }

  /** Harvests one set; returns the problem in one line, or null when it went fine. */
  private String harvest(String set) {
    OaiHarvest harvest = new OaiHarvest(store, client);
    try {
      OaiHarvest.Plan plan = harvest.plan(MetadataFormat.ARXIV, set, null, null, FIRST_DAYS,
          OaiHarvest.todayUtc(clock));
      OaiHarvest.Result r = harvest.run(plan, page -> page.rejected().forEach(rejected ->
          err.println("papersift: harvest: rejected " + rejected.identifier() + ": "
              + rejected.reason())));
      out.printf("papersift: harvested arXiv %s from %s: %,d records, new %,d, updated %,d,"
              + " unchanged %,d%n", set, plan.request().from(), r.summary().records(), r.added(),
          r.updated(), r.unchanged());
      return null;
    } catch (RuntimeException e) {
      if (closed) {
        return null;
      }
      String problem = "harvest of arXiv " + set + " from " + client.baseUrl() + " failed: "
          + reason(e);
      err.println("papersift: " + problem + " (still serving; next try in " + describe(every)
          + ")");
      return problem;
    }
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
  }

  private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  /**
   * Reads an interval such as {@code 6h}, {@code 30m}, {@code 1d}, {@code 90s} or ISO-8601
   * ({@code PT6H}); {@code 0} or {@code off} is zero (no schedule).
   */
  public static Duration parseInterval(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0") || t.equals("off")) {
      return Duration.ZERO;
    }
    Matcher m = INTERVAL.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      if (t.startsWith("p")) {
        Duration d = Duration.parse(t);
        if (!d.isNegative()) {
          return d;
        }
      }
    } catch (ArithmeticException | java.time.format.DateTimeParseException
        | NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("expected an interval like 6h, 30m, 1d or 90s (0 or off"
        + " to turn it off), got \"" + text + "\"");
  }

  /** An interval the way {@link #parseInterval} reads it, in its largest whole unit. */
  public static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
