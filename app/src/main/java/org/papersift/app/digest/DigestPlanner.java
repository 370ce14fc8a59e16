package org.papersift.app.digest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.papersift.app.Papersift;
import org.papersift.app.recommend.Recommendations;
import org.papersift.app.site.SigningSecret;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.InvalidQueryException;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.trending.Trending;
import org.papersift.core.trending.TrendingScore;
import org.papersift.mail.DigestContent;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.DigestPaper;
import org.papersift.mail.DigestRenderer;
import org.papersift.mail.DigestSection;
import org.papersift.mail.MailLinks;
import org.papersift.store.Outbox;
import org.papersift.store.SubscriptionStore;

/**
 * Plans digests: for each active subscriber whose latest send slot ({@code
 * DigestSchedule.period(now)}) is not the period of their last digest, builds the digest's
 * content, renders it into the exact message, puts it in the outbox under the key (subscriber,
 * "digest", period), and records the period on the subscriber.
 *
 * <p><b>Exactly once.</b> The outbox key is unique, and a subscriber whose key is already in the
 * outbox gets nothing new: planning twice, in two processes at once, or again after a crash
 * between {@link Outbox#plan} and {@link SubscriptionStore#recordDigest} plans nothing twice (the
 * second round only records the period). An empty digest is recorded without a message, so it is
 * not built again every minute.
 *
 * <p><b>What a digest says</b> ({@link DigestWindow} decides which papers are new):
 *
 * <ul>
 *   <li><b>Trending</b>, for everyone: the new papers with the highest {@link Trending} score over
 *       the site's recent votes; when none of them has a vote, the newest ones, and the section's
 *       title says so.
 *   <li>One section per <b>topic alert</b> (subscribers with an account): the alert's query, as the
 *       search page takes it, over the new papers, with a relevance threshold: a paper must match
 *       every positive term (title or abstract), no negative term, and the filters; among those,
 *       hybrid search ranks when papers have vectors, BM25 otherwise ({@link
 *       Papersift#searchAlert}). So an alert can be empty, and says so. A query that no longer
 *       parses marks the alert broken and its section asks the reader to fix it.
 *   <li><b>For you</b> (accounts, once papers have vectors): {@link Recommendations#forYou} among
 *       the new papers; left out when it has nothing.
 * </ul>
 *
 * <p>Thread-safe; a round uses {@code threads} workers (building a digest is reads and CPU; the
 * outbox's writes take turns).
 */
public final class DigestPlanner {
  public static final int TRENDING_PAPERS = 10;
  public static final int ALERT_PAPERS = 10;
  public static final int FOR_YOU_PAPERS = 5;
  /** Subscribers read per page. */
  static final int PAGE = 500;

  /**
   * What one round did.
   *
   * @param due subscribers whose period had come
   * @param planned digests put in the outbox
   * @param empty digests with no paper, recorded without a message (their subscriber did not ask
   *     for empty ones)
   * @param alreadyPlanned digests found in the outbox already (another process, or an
   *     interrupted round), only recorded
   * @param brokenAlerts alerts whose query did not run
   * @param failed subscribers whose digest could not be built or planned (tried next round)
   * @param firstError the first failure, in words, or null
   */
  public record Round(int due, int planned, int empty, int alreadyPlanned, int brokenAlerts,
      int failed, String firstError) {
    public boolean didSomething() {
      return due > 0 || failed > 0;
    }

    @Override
    public String toString() {
      return "planned " + planned + " digest" + (planned == 1 ? "" : "s")
          + (empty > 0 ? ", " + empty + " empty (not sent)" : "")
          + (alreadyPlanned > 0 ? ", " + alreadyPlanned + " planned before" : "")
          + (brokenAlerts > 0 ? ", " + brokenAlerts + " broken alert"
              + (brokenAlerts == 1 ? "" : "s") : "")
          + (failed > 0 ? ", " + failed + " failed (" + firstError + ")" : "");
    }
  }

  /** Time spent in each step, summed over the workers, for {@code bench digest}. */
  public static final class Stats {
    final LongAdder contentNanos = new LongAdder();
    final LongAdder renderNanos = new LongAdder();
    final LongAdder outboxNanos = new LongAdder();
    final LongAdder messageBytes = new LongAdder();
    final LongAdder papers = new LongAdder();
    final LongAdder alerts = new LongAdder();
    final LongAdder emptyAlerts = new LongAdder();

    /** Searching and reading papers: the sections. */
    public Duration content() {
      return Duration.ofNanos(contentNanos.sum());
    }

    /** HTML, text and MIME assembly. */
    public Duration render() {
      return Duration.ofNanos(renderNanos.sum());
    }

    /** Outbox insert and recording the period (SQLite commits). */
    public Duration outbox() {
      return Duration.ofNanos(outboxNanos.sum());
    }

    public long messageBytes() {
      return messageBytes.sum();
    }

    public long papers() {
      return papers.sum();
    }

    /** Alert sections built (broken ones left out), and how many of them had no paper. */
    public long alerts() {
      return alerts.sum();
    }

    public long emptyAlerts() {
      return emptyAlerts.sum();
    }
  }

  /** A digest's content and where it stands, before it is a message. */
  public record Built(Subscriber subscriber, String period, LocalDate sendDate,
      DigestWindow window, DigestContent content, int brokenAlerts) {}

  private final Papersift app;
  private final DigestSettings settings;
  private final Recommendations recommendations;
  private final DigestRenderer renderer;
  private final DigestMessage messages;
  private final MailLinks links;
  private final int threads;
  private final Stats stats = new Stats();

  public DigestPlanner(Papersift app, DigestSettings settings, Recommendations recommendations,
      LinkTokens tokens, int threads) {
    this.app = Objects.requireNonNull(app, "app");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.recommendations = recommendations;
    this.renderer = new DigestRenderer();
    this.messages = new DigestMessage(settings.from(), renderer);
    this.links = new MailLinks(settings.siteUrl(), tokens);
    if (threads < 1) {
      throw new IllegalArgumentException("threads: expected at least 1, got " + threads);
    }
    this.threads = threads;
  }

  /**
   * Over an open data directory: links signed with its secret, recommendations from its vectors,
   * one worker per core.
   */
  public DigestPlanner(Papersift app, DigestSettings settings) {
    this(app, settings, new Recommendations(app), tokens(app),
        Runtime.getRuntime().availableProcessors());
  }

  /** The signed links' tokens of a data directory (its secret key, made on first use). */
  public static LinkTokens tokens(Papersift app) {
    return new LinkTokens(SigningSecret.loadOrCreate(app.dir().secretKey()));
  }

  public DigestSettings settings() {
    return settings;
  }

  public MailLinks links() {
    return links;
  }

  public DigestMessage messages() {
    return messages;
  }

  public DigestRenderer renderer() {
    return renderer;
  }

  public Stats stats() {
    return stats;
  }

  /** Plans every digest due at {@code now}; see the class comment. */
  public Round planDue(Instant now) {
    Context ctx = new Context(now);
    AtomicInteger due = new AtomicInteger();
    AtomicInteger planned = new AtomicInteger();
    AtomicInteger empty = new AtomicInteger();
    AtomicInteger before = new AtomicInteger();
    AtomicInteger broken = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    SubscriptionStore subs = app.subscriptions();
    ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads,
        Thread.ofPlatform().daemon().name("digest-planner-", 1).factory());
    try {
      long after = 0;
      while (true) {
        List<Subscriber> page = subs.active(after, PAGE);
        if (page.isEmpty()) {
          break;
        }
        after = page.get(page.size() - 1).id();
        List<Future<?>> work = new ArrayList<>(page.size());
        for (Subscriber s : page) {
          Runnable task = () -> {
            try {
              switch (planOne(s, ctx, broken)) {
                case NOT_DUE -> { }
                case PLANNED -> {
                  due.incrementAndGet();
                  planned.incrementAndGet();
                }
                case EMPTY -> {
                  due.incrementAndGet();
                  empty.incrementAndGet();
                }
                case ALREADY_PLANNED -> {
                  due.incrementAndGet();
                  before.incrementAndGet();
                }
              }
            } catch (RuntimeException e) {
              failed.incrementAndGet();
              firstError.compareAndSet(null, "subscriber " + s.id() + ": " + e.getMessage());
            }
          };
          if (pool == null) {
            task.run();
          } else {
            work.add(pool.submit(task));
          }
        }
        for (Future<?> f : work) {
          await(f);
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new Round(due.get() + failed.get(), planned.get(), empty.get(), before.get(),
        broken.get(), failed.get(), firstError.get());
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while planning digests", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("planning a digest failed: " + e.getCause(), e.getCause());
    }
  }

  private enum Outcome { NOT_DUE, PLANNED, EMPTY, ALREADY_PLANNED }

  private Outcome planOne(Subscriber s, Context ctx, AtomicInteger broken) {
    String period = s.schedule().period(ctx.now);
    if (period.equals(s.lastDigestPeriod())) {
      return Outcome.NOT_DUE;
    }
    OutboxKey key = OutboxKey.digest(s.id(), period);
    Outbox outbox = app.outbox();
    SubscriptionStore subs = app.subscriptions();
    long t0 = System.nanoTime();
    if (outbox.contains(key)) {
      // planned by another process, or by a round that stopped before recording it
      subs.recordDigest(s.id(), period);
      stats.outboxNanos.add(System.nanoTime() - t0);
      return Outcome.ALREADY_PLANNED;
    }
    Built b = build(s, ctx, true);
    broken.addAndGet(b.brokenAlerts());
    long t1 = System.nanoTime();
    stats.contentNanos.add(t1 - t0);
    stats.papers.add(b.content().paperCount());
    if (b.content().isEmpty() && !s.sendEmpty()) {
      subs.recordDigest(s.id(), period);
      stats.outboxNanos.add(System.nanoTime() - t1);
      return Outcome.EMPTY;
    }
    OutboxMessage m = messages.compose(key, b.content(), ctx.now);
    long t2 = System.nanoTime();
    stats.renderNanos.add(t2 - t1);
    stats.messageBytes.add(m.eml().length);
    boolean inserted = outbox.plan(m, ctx.now);
    subs.recordDigest(s.id(), period);
    stats.outboxNanos.add(System.nanoTime() - t2);
    return inserted ? Outcome.PLANNED : Outcome.ALREADY_PLANNED;
  }

  /**
   * The digest this subscriber would get for the period of {@code now}, whether it is due or
   * not, without planning anything or marking alerts (the admin's preview).
   */
  public Built preview(Subscriber s, Instant now) {
    return build(s, new Context(now), false);
  }

  /** The exact message of a {@link #preview}, dated {@code now} (what {@code digest preview} writes). */
  public OutboxMessage message(Built b, Instant now) {
    return messages.compose(OutboxKey.digest(b.subscriber().id(), b.period()), b.content(), now);
  }

  /**
   * @param record whether to mark alerts broken (or running again) in the store
   */
  private Built build(Subscriber s, Context ctx, boolean record) {
    LocalDate sendDate = s.schedule().lastSendDate(ctx.now);
    String period = s.schedule().cadence().period(sendDate);
    DigestWindow window = DigestWindow.of(sendDate, s.lastDigestPeriod());
    List<DigestSection> sections = new ArrayList<>();
    sections.add(ctx.trending(window));
    int[] broken = {0};
    if (s.userId() != null) {
      for (Alert a : app.subscriptions().alerts(s.userId())) {
        sections.add(alertSection(a, window, record, broken, ctx));
      }
      if (recommendations != null && ctx.hasVectors()) {
        List<DigestPaper> picks = forYou(s.userId(), window, ctx);
        if (!picks.isEmpty()) {
          sections.add(DigestSection.forYou(picks));
        }
      }
    }
    // The unsubscribe link is issued at the send slot, not now: the same digest (its preview, a
    // rebuild after a crash) carries the same link. It works for a year from the slot.
    URI unsubscribe = links.unsubscribe(s.id(), s.schedule().sendTime(sendDate));
    DigestContent content = new DigestContent(s.email(),
        DigestWindow.label(s.schedule().cadence(), sendDate), sections, settings.siteUrl(),
        unsubscribe);
    return new Built(s, period, sendDate, window, content, broken[0]);
  }

  /** @param broken counts the alert in [0] when its query does not run */
  private DigestSection alertSection(Alert a, DigestWindow window, boolean record,
      int[] broken, Context ctx) {
    List<String> ids;
    try {
      SearchQuery q = SearchQuery.parse(a.query(), ALERT_PAPERS);
      LocalDate from = q.from() == null || q.from().isBefore(window.from()) ? window.from()
          : q.from();
      LocalDate to = q.to() == null || q.to().isAfter(window.to()) ? window.to() : q.to();
      if (from.isAfter(to)) {
        // the alert's own dates are outside the window: nothing new can match
        app.index().checkAlert(q);
        ids = List.of();
      } else {
        // the search checks the query as it translates it
        ids = app.searchAlert(new SearchQuery(q.text(), q.categories(), q.authors(), from, to,
            ALERT_PAPERS)).hits().stream().map(Hit::id).toList();
      }
    } catch (InvalidQueryException e) {
      broken[0]++;
      String reason = e.getMessage() + ". Edit or delete the alert on the site.";
      if (record && !reason.equals(a.brokenReason())) {
        app.subscriptions().setAlertBroken(a.id(), reason);
      }
      return DigestSection.brokenAlert(a.name(), reason);
    }
    if (record && a.broken()) {
      app.subscriptions().setAlertBroken(a.id(), null); // it runs again
    }
    stats.alerts.increment();
    if (ids.isEmpty()) {
      stats.emptyAlerts.increment();
    }
    return DigestSection.alert(a.name(), a.query(), papers(ids, ctx));
  }

  /**
   * An alert's query as the search page reads it (filters, negative terms), checked as an alert
   * runs it (every positive term required).
   *
   * @throws InvalidQueryException saying what is wrong
   */
  public SearchQuery alertQuery(String raw) {
    SearchQuery q = SearchQuery.parse(raw, ALERT_PAPERS);
    app.index().checkAlert(q);
    return q;
  }

  private List<DigestPaper> forYou(long userId, DigestWindow window, Context ctx) {
    List<String> ids = new ArrayList<>();
    for (Recommendations.Recommended r
        : recommendations.forYou(userId, FOR_YOU_PAPERS, window.from()).papers()) {
      ids.add(r.paperId());
    }
    return papers(ids, ctx);
  }

  /**
   * The stored papers among {@code ids}, in that order, as the digest shows them; each paper is
   * read once per round (digests of one round share most of their papers).
   */
  private List<DigestPaper> papers(Collection<String> ids, Context ctx) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (!ctx.papers.containsKey(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      for (Paper p : app.store().findAll(missing).values()) {
        ctx.papers.putIfAbsent(p.id(), DigestPaper.of(p, settings.siteUrl()));
      }
    }
    List<DigestPaper> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      DigestPaper p = ctx.papers.get(id);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** What one round computes once for every subscriber: the trending ranking and its sections. */
  private final class Context {
    final Instant now;
    private volatile List<TrendingScore> ranking;
    private volatile Map<String, Paper> ranked;
    private volatile Boolean vectors;
    private final Map<DigestWindow, DigestSection> trending = new ConcurrentHashMap<>();
    /** Papers as digests show them, by id. */
    final Map<String, DigestPaper> papers = new ConcurrentHashMap<>();

    Context(Instant now) {
      this.now = now;
    }

    boolean hasVectors() {
      Boolean v = vectors;
      if (v == null) {
        v = app.embeddedCount() > 0;
        vectors = v;
      }
      return v;
    }

    DigestSection trending(DigestWindow window) {
      return trending.computeIfAbsent(window, this::trendingSection);
    }

    private synchronized void rank() {
      if (ranking == null) {
        List<TrendingScore> all = Trending.rank(
            app.users().votesSince(now.minus(Trending.WINDOW)), now);
        ranked = app.store().findAll(all.stream().map(TrendingScore::paperId).toList());
        ranking = all;
      }
    }

    private DigestSection trendingSection(DigestWindow w) {
      rank();
      List<String> ids = new ArrayList<>();
      for (TrendingScore t : ranking) {
        Paper p = ranked.get(t.paperId());
        LocalDate published = p == null ? null : p.published();
        if (published != null && !published.isBefore(w.from()) && !published.isAfter(w.to())) {
          ids.add(p.id());
          if (ids.size() == TRENDING_PAPERS) {
            break;
          }
        }
      }
      if (!ids.isEmpty()) {
        return new DigestSection("Trending", "Most upvoted on the site among the papers of "
            + w.days() + ".", papers(ids, this));
      }
      List<DigestPaper> newest = new ArrayList<>();
      for (Paper p : app.store().publishedBetween(w.from(), w.to(), false, 0, TRENDING_PAPERS)) {
        newest.add(DigestPaper.of(p, settings.siteUrl()));
      }
      if (newest.isEmpty()) {
        return new DigestSection("Trending", "No new papers (" + w.days() + ").", List.of());
      }
      return new DigestSection("Newest papers (no votes yet)", "Nobody has upvoted the papers"
          + " of " + w.days() + " yet, so here are the newest.", newest);
    }
  }
}
