package org.papersift.app.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.harvest.HarvestStatus;
import org.papersift.core.account.UserStore;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.core.trending.Trending;
import org.papersift.core.trending.TrendingScore;
import org.papersift.web.Library;
import org.papersift.web.Page;
import org.papersift.web.PasswordResets;

/**
 * The web site's Library over an open data directory: search and similar papers from the index,
 * listings from the store, accounts from the store's user tables, trending from recent votes.
 * Does not own the data directory (the caller closes it). Thread-safe.
 */
public final class SiteLibrary implements Library {
  /**
   * How long a trending ranking is reused. Ranking reads every vote of the last two weeks; a
   * new vote moves the ranking within this time, while vote counts on pages are always live.
   */
  static final Duration TRENDING_TTL = Duration.ofSeconds(30);
  /** The most papers of one author listed (a search reads at most this many hits). */
  static final int MAX_AUTHOR_PAPERS = SearchQuery.MAX_LIMIT;

  /** How long a paper's similar papers are reused: new papers and vectors show after this. */
  static final Duration SIMILAR_TTL = Duration.ofMinutes(10);
  static final int SIMILAR_CACHED = 20_000;

  /**
   * Query texts whose vectors are kept. Embedding a query is most of a semantic search's CPU
   * (about 10 ms), and queries repeat: the next page of results, a feed polled, a popular query.
   * A vector is 1.5 kB (384 dimensions), so this is about 6 MB.
   */
  static final int QUERY_VECTORS_CACHED = 4_096;
  /** A query's vector never changes while the process runs (one model); the TTL only bounds age. */
  static final Duration QUERY_VECTOR_TTL = Duration.ofDays(1);
  /** The site's address in mails when none is given: the default of {@code serve}. */
  static final String DEFAULT_SITE_URL = "http://127.0.0.1:8080/";

  private final Papersift app;
  private final Clock clock;
  private final Supplier<org.papersift.web.Subscriptions> subscriptions;
  private final Supplier<PasswordResets> passwordResets;
  private final RecentResults<String, SearchResult> similar;
  private final RecentResults<String, float[]> queryVectors;
  private final Function<String, float[]> embedQuery;
  private final Object rankingLock = new Object();
  private volatile Ranking ranking;

  private record Ranking(Instant at, List<TrendingScore> scores) {}

  /**
   * With {@code subscriptions} for digests, alerts and recommendations; password resets with the
   * default settings (no mail).
   */
  public SiteLibrary(Papersift app, Clock clock, org.papersift.web.Subscriptions subscriptions) {
    this(app, clock, () -> subscriptions, defaultPasswordResets(app, clock),
        text -> app.embedder().embedQuery(text));
  }

  /** With {@code subscriptions} and {@code passwordResets} (what {@code serve} runs). */
  public SiteLibrary(Papersift app, Clock clock, org.papersift.web.Subscriptions subscriptions,
      PasswordResets passwordResets) {
    this(app, clock, () -> subscriptions, () -> passwordResets,
        text -> app.embedder().embedQuery(text));
  }

  /**
   * With the default subscriptions, made on first use: no SMTP (mail waits in the outbox), links
   * to {@value #DEFAULT_SITE_URL}, no admins.
   */
  public SiteLibrary(Papersift app, Clock clock) {
    this(app, clock, defaultSubscriptions(app, clock), defaultPasswordResets(app, clock),
        text -> app.embedder().embedQuery(text));
  }

  /** With queries embedded by {@code embedQuery} (a test's stand-in for the model). */
  SiteLibrary(Papersift app, Clock clock, Function<String, float[]> embedQuery) {
    this(app, clock, defaultSubscriptions(app, clock), defaultPasswordResets(app, clock),
        embedQuery);
  }

  private SiteLibrary(Papersift app, Clock clock,
      Supplier<org.papersift.web.Subscriptions> subscriptions,
      Supplier<PasswordResets> passwordResets, Function<String, float[]> embedQuery) {
    this.app = app;
    this.clock = clock;
    this.similar = new RecentResults<>(SIMILAR_CACHED, SIMILAR_TTL, clock);
    this.queryVectors = new RecentResults<>(QUERY_VECTORS_CACHED, QUERY_VECTOR_TTL, clock);
    this.embedQuery = embedQuery;
    this.subscriptions = subscriptions;
    this.passwordResets = passwordResets;
  }

  private static Supplier<org.papersift.web.Subscriptions> defaultSubscriptions(Papersift app,
      Clock clock) {
    return memoized(() -> SiteSubscriptions.open(app,
        DigestSettings.fromEnvironment(Map.of(), null, DEFAULT_SITE_URL), clock));
  }

  private static Supplier<PasswordResets> defaultPasswordResets(Papersift app, Clock clock) {
    return memoized(() -> SitePasswordResets.open(app,
        DigestSettings.fromEnvironment(Map.of(), null, DEFAULT_SITE_URL), clock));
  }

  private static <T> Supplier<T> memoized(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }

  /** Searches; a query text's vector is computed once and reused (nobody modifies it). */
  @Override
  public SearchResult search(SearchQuery query, SearchMode mode) {
    return app.search(query, mode,
        text -> queryVectors.get(text, () -> embedQuery.apply(text)));
  }

  @Override
  public Map<String, Paper> papers(Collection<String> ids) {
    return app.store().findAll(ids);
  }

  @Override
  public Page<Paper> published(LocalDate from, LocalDate to, DailySort sort, int offset,
      int limit) {
    requirePage(offset, limit);
    List<Paper> items = app.store().publishedBetween(from, to, sort == DailySort.TRENDING,
        offset, limit);
    return new Page<>(items, app.store().countPublishedBetween(from, to), offset, limit);
  }

  @Override
  public LocalDate latestDay() {
    return app.store().latestPublished().orElse(null);
  }

  @Override
  public SearchResult similar(String paperId, int limit) {
    if (paperId == null || app.store().find(paperId).isEmpty()) {
      return new SearchResult(List.of(), 0, List.of());
    }
    return similar.get(paperId + " " + limit,
        () -> app.similar(paperId, null, SearchQuery.of("", limit)));
  }

  @Override
  public Page<TrendingScore> trending(int offset, int limit) {
    requirePage(offset, limit);
    List<TrendingScore> all = ranking().scores();
    int from = Math.min(offset, all.size());
    int to = (int) Math.min((long) offset + limit, all.size());
    return new Page<>(all.subList(from, Math.max(from, to)), all.size(), offset, limit);
  }

  /** The current ranking, recomputed when older than {@link #TRENDING_TTL}. */
  private Ranking ranking() {
    Instant now = clock.instant();
    Ranking r = ranking;
    if (r != null && fresh(r, now)) {
      return r;
    }
    synchronized (rankingLock) {
      // Another thread may have ranked while this one waited: one ranking per period.
      r = ranking;
      if (r == null || !fresh(r, now)) {
        r = new Ranking(now, rank(now));
        ranking = r;
      }
      return r;
    }
  }

  private static boolean fresh(Ranking r, Instant now) {
    return !now.isBefore(r.at()) && Duration.between(r.at(), now).compareTo(TRENDING_TTL) < 0;
  }

  /** Trending papers that are stored: a vote may name a paper not (re-)ingested yet. */
  private List<TrendingScore> rank(Instant now) {
    List<TrendingScore> all = Trending.rank(users().votesSince(now.minus(Trending.WINDOW)), now);
    Map<String, Paper> stored = app.store().findAll(
        all.stream().map(TrendingScore::paperId).toList());
    return all.stream().filter(s -> stored.containsKey(s.paperId())).toList();
  }

  @Override
  public String trendingFormula() {
    return Trending.FORMULA;
  }

  /**
   * The index's author filter is a phrase inside one author's name ("Wei Li" also finds "Wei Li
   * Chen"), so its hits are read newest first and kept when an author's whole name is
   * {@code name}, case aside. Reads more hits while the page is not full and the filter had more
   * to give, up to {@link #MAX_AUTHOR_PAPERS}.
   *
   * <p>The total is exact when every hit was read; otherwise it counts the unread hits as if all
   * were by the author (an upper bound, so "next page" is never missing).
   */
  @Override
  public Page<Paper> byAuthor(String name, int offset, int limit) {
    requirePage(offset, limit);
    String wanted = name == null ? "" : name.strip().replaceAll("\\s+", " ");
    if (wanted.isEmpty() || limit == 0 || offset >= MAX_AUTHOR_PAPERS) {
      return new Page<>(List.of(), 0, offset, limit);
    }
    // Hits past the cap are never read, so no page reaches past it either.
    int needed = (int) Math.min((long) offset + limit, MAX_AUTHOR_PAPERS);
    int fetch = needed;
    while (true) {
      SearchResult r = app.search(new SearchQuery("", List.of(), List.of(wanted), null, null,
          fetch), SearchMode.BM25);
      List<String> ids = r.hits().stream().map(Hit::id).toList();
      List<Paper> exact = new ArrayList<>();
      for (Paper p : app.store().findAll(ids).values()) {
        if (p.authors().stream().anyMatch(a -> a.equalsIgnoreCase(wanted))) {
          exact.add(p);
        }
      }
      boolean moreHits = ids.size() == fetch && r.totalMatches() > fetch;
      if (exact.size() >= needed || !moreHits || fetch == MAX_AUTHOR_PAPERS) {
        long total = exact.size() + Math.max(0, r.totalMatches() - ids.size());
        List<Paper> page = exact.subList(Math.min(offset, exact.size()),
            Math.min(needed, exact.size()));
        return new Page<>(page, total, offset, limit);
      }
      fetch = (int) Math.min((long) fetch * 2, MAX_AUTHOR_PAPERS);
    }
  }

  @Override
  public org.papersift.web.Subscriptions subscriptions() {
    return subscriptions.get();
  }

  @Override
  public PasswordResets passwordResets() {
    return passwordResets.get();
  }

  @Override
  public UserStore users() {
    return app.users();
  }

  @Override
  public Status status() {
    HarvestStatus harvest = HarvestStatus.read(app.store());
    return new Status(app.store().count(), app.index().count(), app.embeddedCount(),
        app.semantic().model().id(),
        harvest.lastSuccess() == null ? null : harvest.lastSuccess().toString(),
        harvest.problem());
  }

  private static void requirePage(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative, got " + offset
          + " and " + limit);
    }
  }
}
