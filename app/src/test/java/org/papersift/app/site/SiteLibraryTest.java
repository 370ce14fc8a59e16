package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.embed.EmbeddingText;
import org.papersift.app.harvest.HarvestStatus;
import org.papersift.core.account.UserStore;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.core.trending.Trending;
import org.papersift.core.trending.TrendingScore;
import org.papersift.web.Library.DailySort;
import org.papersift.web.Library.Status;
import org.papersift.store.PaperStore;
import org.papersift.web.Page;

/** SiteLibrary over a real data directory (SQLite store + Lucene index) of papers written here. */
class SiteLibraryTest {
  static final LocalDate MON = LocalDate.of(2025, 3, 17);
  static final LocalDate TUE = LocalDate.of(2025, 3, 18);
  static final LocalDate WED = LocalDate.of(2025, 3, 19);

  @TempDir Path dir;
  Papersift app;
  MutableClock clock;
  SiteLibrary library;

  @BeforeEach
  void open() {
    app = Papersift.open(new DataDir(dir));
    app.store().upsertAll(List.of(
        paper("2503.10001", "Retrieval augmented generation", MON, "Wei Li", "Ada Lovelace"),
        paper("2503.10002", "Dense passage retrieval", MON, "wei li"),
        paper("2503.20001", "Sparse retrieval with learned weights", TUE, "Wei Li Chen"),
        paper("2503.20002", "Graph colouring bounds", TUE, "Paul Erdos"),
        paper("2503.20003", "Speech recognition with transformers", TUE, "Alan Turing"),
        paper("2503.30001", "Protein folding", WED, "Wei Li Chen", "Linus Pauling"),
        paper("2503.30002", "Dark matter halos", WED, "Fritz Zwicky", "Wei  Li")));
    app.catchUpIndex(n -> { });
    clock = new MutableClock(Instant.parse("2025-03-20T12:00:00Z"));
    library = new SiteLibrary(app, clock);
  }

  @AfterEach
  void close() {
    app.close();
  }

  static Paper paper(String id, String title, LocalDate published, String... authors) {
    return new Paper(id, 1, title, "We study " + title.toLowerCase() + ".", List.of(authors),
        List.of("cs.IR"), published, published, null, null, null, null, List.of());
  }

  private static List<String> ids(Page<Paper> page) {
    return page.items().stream().map(Paper::id).toList();
  }

  private long user(String email) {
    return library.users().createUser(email, "hash", clock.instant()).orElseThrow().id();
  }

  @Test
  void publishedListsADayNewestIdFirstWithTheTotal() {
    Page<Paper> tue = library.published(TUE, TUE, DailySort.PUBLISHED, 0, 2);
    assertThat(ids(tue)).containsExactly("2503.20003", "2503.20002");
    assertThat(tue.total()).isEqualTo(3);
    assertThat(tue.hasNext()).isTrue();
    Page<Paper> rest = library.published(TUE, TUE, DailySort.PUBLISHED, 2, 2);
    assertThat(ids(rest)).containsExactly("2503.20001");
    assertThat(rest.hasNext()).isFalse();
    assertThat(library.published(MON, WED, DailySort.PUBLISHED, 0, 10).total()).isEqualTo(7);
  }

  @Test
  void publishedByTrendingPutsVotedPapersFirst() {
    long a = user("a@example.org");
    long b = user("b@example.org");
    library.users().vote(a, "2503.20001", clock.instant());
    library.users().vote(b, "2503.20001", clock.instant());
    library.users().vote(a, "2503.10002", clock.instant());
    assertThat(ids(library.published(MON, TUE, DailySort.TRENDING, 0, 10))).containsExactly(
        "2503.20001", "2503.10002", "2503.20003", "2503.20002", "2503.10001");
  }

  @Test
  void latestDayIsTheNewestPublicationDate() {
    assertThat(library.latestDay()).isEqualTo(WED);
  }

  @Test
  void byAuthorKeepsWholeNamesOnlyIgnoringCaseNewestFirst() {
    // "Wei Li Chen" matches the index's phrase filter for "Wei Li" but is someone else.
    Page<Paper> p = library.byAuthor("WEI LI", 0, 10);
    assertThat(ids(p)).containsExactlyInAnyOrder("2503.30002", "2503.10001", "2503.10002");
    assertThat(ids(p).get(0)).isEqualTo("2503.30002");
    assertThat(p.total()).isEqualTo(3);
    assertThat(library.byAuthor("Wei Li Chen", 0, 10).total()).isEqualTo(2);
    assertThat(library.byAuthor("Nobody Atall", 0, 10).items()).isEmpty();
    assertThat(library.byAuthor("  ", 0, 10).items()).isEmpty();
  }

  @Test
  void byAuthorReadsFurtherWhenTheFirstHitsAreNamesakes() {
    // The two newest hits for "Wei Li" are by Wei Li Chen: a page of 1 must read past them.
    Page<Paper> first = library.byAuthor("Wei Li", 0, 1);
    assertThat(ids(first)).containsExactly("2503.30002");
    Page<Paper> second = library.byAuthor("Wei Li", 1, 1);
    assertThat(second.items()).hasSize(1);
    Page<Paper> third = library.byAuthor("Wei Li", 2, 1);
    assertThat(third.items()).hasSize(1);
    assertThat(third.hasNext()).isFalse();
    List<String> all = new ArrayList<>(ids(first));
    all.addAll(ids(second));
    all.addAll(ids(third));
    assertThat(all).containsExactlyInAnyOrder("2503.30002", "2503.10001", "2503.10002");
    assertThat(library.byAuthor("Wei Li", 3, 1).items()).isEmpty();
    assertThat(library.byAuthor("Wei Li", 1, Integer.MAX_VALUE).items()).hasSize(2);
  }

  @Test
  void trendingRanksRecentVotesAndLeavesOutUnknownPapers() {
    long a = user("a@example.org");
    long b = user("b@example.org");
    UserStore users = library.users();
    Instant now = clock.instant();
    users.vote(a, "2503.10001", now.minus(Duration.ofDays(4)));   // 0.25
    users.vote(b, "2503.10001", now.minus(Duration.ofDays(4)));   // 0.25
    users.vote(a, "2503.20002", now.minus(Duration.ofDays(2)));   // 0.5, one vote
    users.vote(a, "2503.30001", now);                             // 1
    users.vote(a, "2503.99999", now);                             // not stored
    users.vote(b, "2503.20003", now.minus(Duration.ofDays(15)));  // outside the window

    Page<TrendingScore> page = library.trending(0, 10);
    assertThat(page.items()).extracting(TrendingScore::paperId)
        .containsExactly("2503.30001", "2503.10001", "2503.20002");
    assertThat(page.items().get(1).score()).isEqualTo(0.5);
    assertThat(page.items().get(1).votes()).isEqualTo(2);
    assertThat(page.total()).isEqualTo(3);
    assertThat(library.trending(1, 1).items()).extracting(TrendingScore::paperId)
        .containsExactly("2503.10001");
    assertThat(library.trending(5, 10).items()).isEmpty();
    assertThat(library.trending(2, Integer.MAX_VALUE).items()).hasSize(1);
    assertThat(library.trendingFormula()).isEqualTo(Trending.FORMULA);
  }

  @Test
  void trendingIsReusedForThirtySecondsWhileCountsAreLive() {
    long a = user("a@example.org");
    long b = user("b@example.org");
    library.users().vote(a, "2503.20002", clock.instant());
    assertThat(library.trending(0, 10).items()).extracting(TrendingScore::paperId)
        .containsExactly("2503.20002");

    library.users().vote(a, "2503.30001", clock.instant());
    library.users().vote(b, "2503.30001", clock.instant());
    clock.advance(Duration.ofSeconds(29));
    assertThat(library.trending(0, 10).items()).extracting(TrendingScore::paperId)
        .containsExactly("2503.20002");
    assertThat(library.users().upvotes(List.of("2503.30001")))
        .isEqualTo(Map.of("2503.30001", 2));

    clock.advance(Duration.ofSeconds(1));
    assertThat(library.trending(0, 10).items()).extracting(TrendingScore::paperId)
        .containsExactly("2503.30001", "2503.20002");
  }

  @Test
  void similarLeavesThePaperOutAndKnowsNoUnknownPaper() {
    SearchResult r = library.similar("2503.10002", 3);
    assertThat(r.hits()).extracting(Hit::id).doesNotContain("2503.10002").isNotEmpty()
        .hasSizeLessThanOrEqualTo(3);
    assertThat(r.hits().get(0).id()).isIn("2503.10001", "2503.20001");
    assertThat(library.similar("2503.99999", 3).hits()).isEmpty();
  }

  @Test
  void searchAndPapersGoToTheIndexAndStore() {
    SearchResult r = library.search(SearchQuery.parse("retrieval", 10), SearchMode.BM25);
    assertThat(r.hits()).extracting(Hit::id)
        .containsExactlyInAnyOrder("2503.10001", "2503.10002", "2503.20001");
    assertThat(library.papers(List.of("2503.20002", "nope", "2503.10001")).keySet())
        .containsExactly("2503.20002", "2503.10001");
  }

  @Test
  void aQueryTextIsEmbeddedOnceForEveryPageAndModeThatNeedsIt() {
    // Every paper gets a vector of the configured model (made up: the model is not loaded here).
    String model = app.semantic().model().id();
    int dim = app.semantic().model().dimension();
    List<PaperStore.NewVector> vectors = new ArrayList<>();
    for (Paper p : app.store().findAll(List.of("2503.10001", "2503.10002", "2503.20001",
        "2503.20002", "2503.20003", "2503.30001", "2503.30002")).values()) {
      float[] v = new float[dim];
      v[vectors.size()] = 1f;
      vectors.add(new PaperStore.NewVector(p.id(), EmbeddingText.hash(p, app.semantic().maxTokens()),
          v));
    }
    app.store().saveVectors(model, vectors, "embed:test", app.store().lastSeq());
    app.catchUpIndex(n -> { });
    List<String> embedded = new ArrayList<>();
    SiteLibrary cached = new SiteLibrary(app, clock, text -> {
      embedded.add(text);
      float[] v = new float[dim];
      v[0] = 1f;
      return v;
    });

    SearchResult first = cached.search(SearchQuery.parse("retrieval", 10), SearchMode.HYBRID);
    assertThat(first.notes()).noneMatch(n -> n.contains("not ready"));
    // the vector points at the first paper, which the words "protein folding" do not find
    assertThat(cached.search(SearchQuery.parse("protein folding", 10), SearchMode.DENSE).hits()
        .get(0).id()).isEqualTo(vectors.get(0).paperId());
    cached.search(SearchQuery.parse("retrieval", 20), SearchMode.HYBRID);
    cached.search(SearchQuery.parse("retrieval cat:cs.IR", 10), SearchMode.DENSE);
    cached.search(SearchQuery.parse("retrieval", 10), SearchMode.BM25);
    assertThat(embedded).containsExactly("retrieval", "protein folding");
    assertThat(cached.search(SearchQuery.parse("retrieval", 10), SearchMode.HYBRID))
        .isEqualTo(first);
  }

  @Test
  void statusCountsAndTheLastHarvest() {
    Status s = library.status();
    assertThat(s.stored()).isEqualTo(7);
    assertThat(s.indexed()).isEqualTo(7);
    assertThat(s.embedded()).isZero();
    assertThat(s.model()).isEqualTo(app.semantic().model().id());
    assertThat(s.lastHarvest()).isNull();
    assertThat(s.harvestProblem()).isNull();

    HarvestStatus.succeeded(app.store(), Instant.parse("2025-03-20T06:00:00Z"));
    HarvestStatus.failed(app.store(), "arXiv said no");
    s = library.status();
    assertThat(s.lastHarvest()).isEqualTo("2025-03-20T06:00:00Z");
    assertThat(s.harvestProblem()).isEqualTo("arXiv said no");
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
