package org.papersift.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.papersift.core.account.UserStore;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.core.trending.TrendingScore;

/**
 * A Library over a list of papers in memory for web tests: search matches every query word in
 * the title or abstract; similar means "same primary category"; trending counts votes.
 *
 * <p>Papers without dates are handled as the real library handles them: the daily listings and
 * the latest day go by the published date only (the store's SQL leaves NULL out), search and
 * author pages by the search index's day, the published date else the updated one; a paper
 * without that day matches no date filter, and newest-first orders put it last.
 */
final class TestLibrary implements Library {
  /** Newest day first, papers without a day last. */
  private static final Comparator<Paper> NEWEST_DAY_FIRST =
      Comparator.comparing(TestLibrary::day, Comparator.nullsLast(Comparator.reverseOrder()));
  private static final Comparator<Paper> NEWEST_PUBLISHED_FIRST =
      Comparator.comparing(Paper::published, Comparator.nullsLast(Comparator.reverseOrder()));

  private final List<Paper> papers = new CopyOnWriteArrayList<>();
  private final MemoryUserStore users = new MemoryUserStore();
  final TestSubscriptions subscriptions = new TestSubscriptions();
  final TestPasswordResets resets = new TestPasswordResets(users);
  private volatile Status status;

  TestLibrary add(Paper... more) {
    papers.addAll(List.of(more));
    return this;
  }

  /** A paper with authors, categories, a date and an abstract, for tests that need them. */
  static Paper paper(String id, String title, LocalDate published, String... authors) {
    return new Paper(id, 1, title, "An abstract about " + title.toLowerCase(Locale.ROOT) + ".",
        List.of(authors), List.of("cs.CL", "cs.AI"), published, published, null, null, null,
        null, List.of());
  }

  /** The day the search index files a paper under: published, else updated; may be null. */
  static LocalDate day(Paper p) {
    return p.published() != null ? p.published() : p.updated();
  }

  @Override
  public SearchResult search(SearchQuery q, SearchMode mode) {
    List<String> words = List.of(q.text().toLowerCase(Locale.ROOT).split("\\s+"));
    List<Paper> matching = papers.stream().filter(p -> matches(p, q, words))
        .sorted(NEWEST_DAY_FIRST).toList();
    List<Hit> hits = matching.stream().limit(q.limit())
        .map(p -> new Hit(p.id(), p.title(), 1.0f)).toList();
    return new SearchResult(hits, matching.size(), List.of());
  }

  private static boolean matches(Paper p, SearchQuery q, List<String> words) {
    String text = (p.title() + " " + Objects.toString(p.abstractText(), ""))
        .toLowerCase(Locale.ROOT);
    boolean wordsMatch = words.stream().allMatch(w -> w.isEmpty() || text.contains(w));
    boolean catMatch = q.categories().isEmpty()
        || p.categories().stream().anyMatch(c -> q.categories().stream().anyMatch(c::startsWith));
    boolean authorMatch = q.authors().stream().allMatch(a -> p.authors().stream()
        .anyMatch(n -> n.toLowerCase(Locale.ROOT).contains(a.toLowerCase(Locale.ROOT))));
    LocalDate day = day(p);
    boolean dateMatch = q.from() == null && q.to() == null || day != null
        && (q.from() == null || !day.isBefore(q.from()))
        && (q.to() == null || !day.isAfter(q.to()));
    return wordsMatch && catMatch && authorMatch && dateMatch;
  }

  @Override
  public Map<String, Paper> papers(Collection<String> ids) {
    Map<String, Paper> out = new LinkedHashMap<>();
    for (String id : ids) {
      papers.stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(p -> out.put(id, p));
    }
    return out;
  }

  @Override
  public Page<Paper> published(LocalDate from, LocalDate to, DailySort sort, int offset,
      int limit) {
    List<Paper> in = papers.stream().filter(p -> p.published() != null
        && !p.published().isBefore(from) && !p.published().isAfter(to)).toList();
    Map<String, Integer> votes = users.upvotes(in.stream().map(Paper::id).toList());
    Comparator<Paper> order = NEWEST_PUBLISHED_FIRST;
    if (sort == DailySort.TRENDING) {
      order = Comparator.<Paper>comparingInt(p -> votes.getOrDefault(p.id(), 0)).reversed()
          .thenComparing(order);
    }
    return new Page<>(in.stream().sorted(order).skip(offset).limit(limit).toList(), in.size(),
        offset, limit);
  }

  @Override
  public LocalDate latestDay() {
    return papers.stream().map(Paper::published).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
  }

  @Override
  public SearchResult similar(String paperId, int limit) {
    Paper p = papers(List.of(paperId)).get(paperId);
    if (p == null || p.primaryCategory() == null) {
      return new SearchResult(List.of(), 0, List.of());
    }
    List<Hit> hits = papers.stream()
        .filter(o -> !o.id().equals(paperId) && p.primaryCategory().equals(o.primaryCategory()))
        .limit(limit).map(o -> new Hit(o.id(), o.title(), 0.5f)).toList();
    return new SearchResult(hits, hits.size(), List.of());
  }

  @Override
  public Page<TrendingScore> trending(int offset, int limit) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    users.votesSince(Instant.EPOCH).forEach(v -> counts.merge(v.paperId(), 1, Integer::sum));
    List<TrendingScore> all = new ArrayList<>();
    counts.forEach((id, n) -> all.add(new TrendingScore(id, n, n)));
    all.sort(Comparator.comparingDouble(TrendingScore::score).reversed());
    return new Page<>(all.stream().skip(offset).limit(limit).toList(), all.size(), offset, limit);
  }

  @Override
  public String trendingFormula() {
    return "score = number of votes (test library)";
  }

  @Override
  public Page<Paper> byAuthor(String name, int offset, int limit) {
    List<Paper> by = papers.stream()
        .filter(p -> p.authors().stream().anyMatch(a -> a.equalsIgnoreCase(name)))
        .sorted(NEWEST_DAY_FIRST).toList();
    return new Page<>(by.stream().skip(offset).limit(limit).toList(), by.size(), offset, limit);
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public PasswordResets passwordResets() {
    return resets;
  }

  @Override
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /** Makes {@link #status()} answer this instead of the counts of the papers added. */
  TestLibrary status(Status fixed) {
    this.status = fixed;
    return this;
  }

  @Override
  public Status status() {
    Status fixed = status;
    return fixed != null ? fixed
        : new Status(papers.size(), papers.size(), 0, "test-model", null, null);
  }
}
