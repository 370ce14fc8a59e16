package org.papersift.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.papersift.core.paper.InvalidPaperException;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;
import org.papersift.core.query.Hit;
import org.papersift.core.query.InvalidQueryException;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.core.trending.TrendingScore;
import org.papersift.web.Library.DailySort;
import org.papersift.web.view.AuthorPage;
import org.papersift.web.view.DailyPage;
import org.papersift.web.view.Listing;
import org.papersift.web.view.Pager;
import org.papersift.web.view.PaperItem;
import org.papersift.web.view.PaperPage;
import org.papersift.web.view.SearchForm;
import org.papersift.web.view.SearchPage;
import org.papersift.web.view.StatusPage;
import org.papersift.web.view.TrendingPage;
import org.papersift.web.view.Urls;

/**
 * The HTML pages: the daily listing (by day, ISO week or month), trending, search, a paper, an
 * author and the status page. Every page works without JavaScript; site.js only adds a copy
 * button. Malformed parameters throw IllegalArgumentException, which the server answers with a
 * 400 page; unknown papers and authors are 404 pages.
 */
final class PageRoutes {
  static final int PAGE_SIZE = 30;
  static final int SIMILAR = 10;
  /** Page numbers beyond this are refused (and offsets stay far from int overflow). */
  static final int MAX_PAGE = 100_000;
  private static final int MAX_NAME_CHARS = 500;
  private static final int MAX_FILTER_CHARS = 500;
  private static final Pattern PAGE_NUMBER = Pattern.compile("\\d{1,9}");

  private final Library library;
  private final Templates templates;
  private final WebSettings settings;

  PageRoutes(Library library, Templates templates, WebSettings settings) {
    this.library = library;
    this.templates = templates;
    this.settings = settings;
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::home);
    routes.get("/daily", this::daily);
    routes.get("/daily/{date}", ctx -> showDaily(ctx,
        Period.day(Period.parseDate("date", ctx.pathParam("date"))), false));
    routes.get("/trending", this::trending);
    routes.get("/search", this::search);
    // <id> takes slashes: old-style arXiv ids look like hep-th/9901001.
    routes.get("/papers/<id>", this::paper);
    routes.get("/authors/<name>", this::author);
    routes.get("/status", this::status);
    staticFile(routes, "/static/site.js", "text/javascript; charset=utf-8");
    staticFile(routes, "/static/favicon.svg", "image/svg+xml");
  }

  private static void staticFile(RoutesConfig routes, String path, String type) {
    byte[] body = resource(path);
    routes.get(path, ctx -> ctx.contentType(type)
        .header("Cache-Control", "public, max-age=3600").result(body));
  }

  // ---- daily ---------------------------------------------------------------------------------

  private void home(Context ctx) {
    LocalDate latest = library.latestDay();
    if (latest == null) {
      Visitor visitor = Visitor.of(ctx);
      Listing none = new Listing(List.of(), 0, 0, new Pager(1, 1, null, null), returnUrl(ctx));
      DailyPage empty = new DailyPage("day", "No papers yet", null, "/", "", null, null, "/", "/",
          "/", "", false, "/", "/", none, null, true);
      render(ctx, "daily.jte", visitor, empty, Map.of("home", true));
      return;
    }
    showDaily(ctx, Period.day(latest), true);
  }

  private void daily(Context ctx) {
    String date = param(ctx, "date");
    String week = param(ctx, "week");
    String month = param(ctx, "month");
    int given = (date == null ? 0 : 1) + (week == null ? 0 : 1) + (month == null ? 0 : 1);
    if (given > 1) {
      throw new IllegalArgumentException(
          "give one of date (2025-03-18), week (2025-W12) or month (2025-03), not several");
    }
    if (date != null) {
      showDaily(ctx, Period.day(Period.parseDate("date", date)), false);
    } else if (week != null) {
      showDaily(ctx, Period.parseWeek(week), false);
    } else if (month != null) {
      showDaily(ctx, Period.parseMonth(month), false);
    } else {
      home(ctx);
    }
  }

  private void showDaily(Context ctx, Period period, boolean home) {
    Visitor visitor = Visitor.of(ctx);
    DailySort sort = sort(param(ctx, "sort"));
    int page = page(ctx);
    int offset = (page - 1) * PAGE_SIZE;
    Page<Paper> result = library.published(period.from(), period.to(), sort, offset, PAGE_SIZE);
    requirePage(page, result.items().isEmpty(), "papers of " + period.shortLabel());
    String sortParam = sort == DailySort.TRENDING ? "trending" : null;
    String base = "/daily?" + period.param();
    Listing listing = listing(ctx, visitor, result.items(), Map.of(), result.total(), offset,
        page, p -> Urls.withParams(base, Urls.params("sort", sortParam, "p", pageParam(p))));

    LocalDate latest = library.latestDay();
    Period next = period.next();
    boolean nextExists = latest != null && !next.from().isAfter(latest);
    // The home page's feed follows the newest day; a dated day page has that day's feed.
    String feed = !home && period.kind() == Period.Kind.DAY
        ? "/feeds/daily.atom?date=" + period.from() : "/feeds/daily.atom";
    DailyPage model = new DailyPage(
        period.kind().name().toLowerCase(Locale.ROOT), period.label(),
        period.kind() == Period.Kind.WEEK ? period.range() : null,
        dailyUrl(period.previous(), sortParam), period.previous().shortLabel(),
        nextExists ? dailyUrl(next, sortParam) : null, next.shortLabel(),
        dailyUrl(Period.day(period.from()), sortParam),
        dailyUrl(Period.weekOf(period.from()), sortParam),
        dailyUrl(Period.monthOf(period.from()), sortParam),
        period.from().toString(), sort == DailySort.TRENDING, base,
        base + "&sort=trending", listing, feed, false);
    render(ctx, "daily.jte", visitor, model, Map.of("home", home));
  }

  private static String dailyUrl(Period period, String sortParam) {
    return Urls.withParams("/daily?" + period.param(), Urls.params("sort", sortParam));
  }

  private static DailySort sort(String value) {
    if (value == null || value.equals("publishedAt")) {
      return DailySort.PUBLISHED;
    }
    if (value.equals("trending")) {
      return DailySort.TRENDING;
    }
    throw new IllegalArgumentException("sort: expected publishedAt or trending, got "
        + Period.quote(value));
  }

  // ---- trending ------------------------------------------------------------------------------

  private void trending(Context ctx) {
    Visitor visitor = Visitor.of(ctx);
    int page = page(ctx);
    int offset = (page - 1) * PAGE_SIZE;
    Page<TrendingScore> result = library.trending(offset, PAGE_SIZE);
    requirePage(page, result.items().isEmpty(), "trending papers");
    List<String> ids = result.items().stream().map(TrendingScore::paperId).toList();
    Map<String, Paper> papers = library.papers(ids);
    Map<String, String> extras = new HashMap<>();
    for (TrendingScore s : result.items()) {
      extras.put(s.paperId(), String.format(Locale.ROOT, "score %.2f · %d recent %s",
          s.score(), s.votes(), s.votes() == 1 ? "vote" : "votes"));
    }
    List<Paper> shown = ids.stream().map(papers::get).filter(p -> p != null).toList();
    Listing listing = listing(ctx, visitor, shown, extras, result.total(), offset, page,
        p -> Urls.withParams("/trending", Urls.params("p", pageParam(p))));
    render(ctx, "trending.jte", visitor,
        new TrendingPage(library.trendingFormula(), listing), Map.of());
  }

  // ---- search --------------------------------------------------------------------------------

  private void search(Context ctx) {
    Visitor visitor = Visitor.of(ctx);
    String q = orEmpty(ctx.queryParam("q"));
    SearchForm form = new SearchForm(q, orEmpty(ctx.queryParam("mode")),
        orEmpty(ctx.queryParam("cat")), orEmpty(ctx.queryParam("author")),
        orEmpty(ctx.queryParam("from")), orEmpty(ctx.queryParam("to")));
    if (q.length() > SearchQuery.MAX_TEXT_CHARS) {
      // Not echoed into the form: a megabyte of query is not worth sending back.
      SearchForm shown = new SearchForm("", form.mode(), form.cat(), form.author(), form.from(),
          form.to());
      searchError(ctx, visitor, shown, "the query has " + q.length() + " characters, at most "
          + SearchQuery.MAX_TEXT_CHARS + " are accepted; shorten it");
      return;
    }
    if (form.blank()) {
      render(ctx, "search.jte", visitor,
          new SearchPage(form, null, List.of(), 0, false, SearchQuery.MAX_LIMIT, null, null),
          Map.of());
      return;
    }
    try {
      int page = page(ctx);
      int offset = (page - 1) * PAGE_SIZE;
      if (offset >= SearchQuery.MAX_LIMIT) {
        throw new InvalidQueryException("p: only the first " + SearchQuery.MAX_LIMIT
            + " results can be paged through (" + (SearchQuery.MAX_LIMIT / PAGE_SIZE + 1)
            + " pages); add words or filters to narrow the search");
      }
      int limit = Math.min(offset + PAGE_SIZE, SearchQuery.MAX_LIMIT);
      SearchQuery query = query(form, limit);
      SearchResult result = form.mode().isBlank() ? library.search(query)
          : library.search(query, SearchMode.of(form.mode()));
      List<Hit> hits = result.hits();
      List<Hit> slice = offset >= hits.size() ? List.of()
          : hits.subList(offset, Math.min(hits.size(), offset + PAGE_SIZE));
      long reachable = Math.min(result.totalMatches(), SearchQuery.MAX_LIMIT);
      requirePage(page, slice.isEmpty(), "results");
      Map<String, Paper> papers = library.papers(slice.stream().map(Hit::id).toList());
      List<Paper> shown = new ArrayList<>();
      for (Hit h : slice) {
        Paper p = papers.get(h.id());
        if (p == null) {
          p = stub(h);
        }
        if (p != null) {
          shown.add(p);
        }
      }
      Listing listing = listing(ctx, visitor, shown, Map.of(), reachable, offset, page,
          p -> searchUrl(form, p));
      boolean capped = result.totalMatches() > SearchQuery.MAX_LIMIT;
      String feedText = feedQuery(form);
      render(ctx, "search.jte", visitor, new SearchPage(form, null, result.notes(),
              result.totalMatches(), capped, SearchQuery.MAX_LIMIT, listing,
              "/feeds/search.atom?q=" + Urls.query(feedText)),
          Map.of());
    } catch (InvalidQueryException e) {
      searchError(ctx, visitor, form, e.getMessage());
    }
  }

  private void searchError(Context ctx, Visitor visitor, SearchForm form, String message) {
    ctx.status(HttpStatus.BAD_REQUEST);
    render(ctx, "search.jte", visitor,
        new SearchPage(form, message, List.of(), 0, false, SearchQuery.MAX_LIMIT, null, null),
        Map.of());
  }

  /** The free text with its inline filters, and the form's filter fields on top. */
  private static SearchQuery query(SearchForm form, int limit) {
    for (var field : List.of(Map.entry("cat", form.cat()), Map.entry("author", form.author()))) {
      if (field.getValue().length() > MAX_FILTER_CHARS) {
        throw new InvalidQueryException(field.getKey() + ": at most " + MAX_FILTER_CHARS
            + " characters are accepted");
      }
    }
    SearchQuery parsed = SearchQuery.parse(form.q(), limit);
    List<String> cats = List.of(form.cat().strip().split("[\\s,]+")).stream()
        .filter(s -> !s.isEmpty()).toList();
    List<String> authors = form.author().isBlank() ? List.of() : List.of(form.author().strip());
    return parsed.withFilters(cats, authors, formDate("from", form.from()),
        formDate("to", form.to()));
  }

  private static LocalDate formDate(String name, String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return Period.parseDate(name, value.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(e.getMessage());
    }
  }

  /**
   * The form as one query string in the search syntax, for the Atom feed (which takes q only)
   * and for alerts saved from the search page (SubscriptionRoutes).
   */
  static String feedQuery(SearchForm form) {
    StringBuilder s = new StringBuilder(form.q().strip());
    for (String c : form.cat().strip().split("[\\s,]+")) {
      if (!c.isEmpty()) {
        s.append(" cat:").append(c);
      }
    }
    if (!form.author().isBlank()) {
      s.append(" author:\"").append(form.author().strip().replace("\"", "")).append('"');
    }
    if (!form.from().isBlank()) {
      s.append(" from:").append(form.from().strip());
    }
    if (!form.to().isBlank()) {
      s.append(" to:").append(form.to().strip());
    }
    return s.toString().strip();
  }

  private static String searchUrl(SearchForm form, int page) {
    return Urls.withParams("/search", Urls.params("q", form.q(), "mode", form.mode(),
        "cat", form.cat(), "author", form.author(), "from", form.from(), "to", form.to(),
        "p", pageParam(page)));
  }

  /** A hit whose paper is not (yet) in the store: shown with its title alone. */
  private static Paper stub(Hit h) {
    try {
      return new Paper(h.id(), 0, h.title() == null ? h.id() : h.title(), null, List.of(),
          List.of(), null, null, null, null, null, null, List.of());
    } catch (InvalidPaperException e) {
      return null;
    }
  }

  // ---- paper ---------------------------------------------------------------------------------

  private void paper(Context ctx) {
    String raw = ctx.pathParam("id");
    PaperId id;
    try {
      id = PaperId.parse(raw);
    } catch (InvalidPaperException e) {
      throw new NotFoundResponse("there is no paper with the id " + Period.quote(raw));
    }
    Paper paper = library.papers(List.of(id.id())).get(id.id());
    if (paper == null) {
      throw new NotFoundResponse("there is no paper with the id " + Period.quote(id.id()));
    }
    if (!raw.equals(paper.id())) {
      // arXiv:2501.01234, 2501.01234v2 and abs URLs all land on the one page of the paper.
      ctx.redirect(Urls.paper(paper.id()), HttpStatus.MOVED_PERMANENTLY);
      return;
    }
    Visitor visitor = Visitor.of(ctx);
    List<String> one = List.of(paper.id());
    int votes = library.users().upvotes(one).getOrDefault(paper.id(), 0);
    boolean voted = visitor.signedIn()
        && !library.users().votedAmong(visitor.user().id(), one).isEmpty();
    boolean saved = visitor.signedIn()
        && !library.users().savedAmong(visitor.user().id(), one).isEmpty();

    List<Hit> similarHits = library.similar(paper.id(), SIMILAR).hits();
    Map<String, Paper> similarPapers = library.papers(similarHits.stream().map(Hit::id).toList());
    List<PaperItem> similar = new ArrayList<>();
    for (Hit h : similarHits) {
      Paper p = similarPapers.get(h.id());
      if (p != null && !p.id().equals(paper.id())) {
        similar.add(new PaperItem(p, 0, false, false, null));
      }
    }
    Set<String> known = Set.of(
        Urls.isArxiv(paper.id()) ? Urls.arxivAbs(paper.id()) : "",
        Urls.isArxiv(paper.id()) ? Urls.arxivPdf(paper.id()) : "-",
        paper.doi() == null ? "--" : Urls.doi(paper.doi()));
    Map<String, Link> links = new LinkedHashMap<>();
    for (Link l : paper.links()) {
      String href = l.href().strip();
      if (Urls.isWebLink(href) && !known.contains(href.replaceFirst("^http://", "https://"))) {
        links.putIfAbsent(href, l);
      }
    }
    PaperPage model = new PaperPage(paper, votes, voted, saved, BibTex.format(paper),
        List.copyOf(links.values()), similar, returnUrl(ctx));
    render(ctx, "paper.jte", visitor, model, Map.of());
  }

  // ---- author --------------------------------------------------------------------------------

  private void author(Context ctx) {
    String name = ctx.pathParam("name").strip();
    if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
      throw new NotFoundResponse("there is no author with that name");
    }
    Visitor visitor = Visitor.of(ctx);
    int page = page(ctx);
    int offset = (page - 1) * PAGE_SIZE;
    Page<Paper> result = library.byAuthor(name, offset, PAGE_SIZE);
    if (result.total() == 0) {
      throw new NotFoundResponse("there are no papers by " + name);
    }
    requirePage(page, result.items().isEmpty(), "papers by " + name);
    String base = Urls.author(name);
    Listing listing = listing(ctx, visitor, result.items(), Map.of(), result.total(), offset,
        page, p -> Urls.withParams(base, Urls.params("p", pageParam(p))));
    render(ctx, "author.jte", visitor, new AuthorPage(name, listing, Urls.authorFeed(name)),
        Map.of());
  }

  // ---- status --------------------------------------------------------------------------------

  private void status(Context ctx) {
    render(ctx, "status.jte", Visitor.of(ctx), new StatusPage(library.status()), Map.of());
  }

  // ---- shared --------------------------------------------------------------------------------

  /** The papers of one page with their vote counts and the visitor's votes and saves. */
  private Listing listing(Context ctx, Visitor visitor, List<Paper> papers,
      Map<String, String> extras, long total, int offset, int page, IntFunction<String> pageUrl) {
    List<String> ids = papers.stream().map(Paper::id).toList();
    Map<String, Integer> votes = ids.isEmpty() ? Map.of() : library.users().upvotes(ids);
    Set<String> voted = Set.of();
    Set<String> saved = Set.of();
    if (visitor.signedIn() && !ids.isEmpty()) {
      voted = library.users().votedAmong(visitor.user().id(), ids);
      saved = library.users().savedAmong(visitor.user().id(), ids);
    }
    List<PaperItem> items = new ArrayList<>(papers.size());
    for (Paper p : papers) {
      items.add(new PaperItem(p, votes.getOrDefault(p.id(), 0), voted.contains(p.id()),
          saved.contains(p.id()), extras.get(p.id())));
    }
    int pages = (int) Math.max(1, Math.min(MAX_PAGE, (total + PAGE_SIZE - 1) / PAGE_SIZE));
    boolean hasNext = (long) offset + PAGE_SIZE < total;
    Pager pager = new Pager(page, Math.max(pages, page),
        page > 1 ? pageUrl.apply(page - 1) : null,
        hasNext ? pageUrl.apply(page + 1) : null);
    return new Listing(items, total, offset, pager, returnUrl(ctx));
  }

  /** Page 2 and beyond that hold nothing are not pages: 404 rather than an empty list. */
  private static void requirePage(int page, boolean empty, String what) {
    if (page > 1 && empty) {
      throw new NotFoundResponse("there is no page " + page + " of " + what);
    }
  }

  /** The 1-based page number {@code p}; 1 when absent. */
  static int page(Context ctx) {
    String p = param(ctx, "p");
    if (p == null) {
      return 1;
    }
    if (!PAGE_NUMBER.matcher(p).matches()) {
      throw new IllegalArgumentException("p: expected a page number (1, 2, …), got "
          + Period.quote(p));
    }
    int n = Integer.parseInt(p);
    if (n < 1 || n > MAX_PAGE) {
      throw new IllegalArgumentException("p: pages are numbered from 1 to " + MAX_PAGE
          + ", got " + n);
    }
    return n;
  }

  /** Page 1 is the page without {@code p}, so it has one address. */
  private static String pageParam(int page) {
    return page <= 1 ? null : Integer.toString(page);
  }

  /** A query parameter, null when absent or blank (an empty form field). */
  private static String param(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** This page's path and query, where forms on it send the reader back to. */
  static String returnUrl(Context ctx) {
    String q = ctx.queryString();
    return ctx.path() + (q == null || q.isEmpty() ? "" : "?" + q);
  }

  private void render(Context ctx, String template, Visitor visitor, Object page,
      Map<String, Object> more) {
    Map<String, Object> params = new HashMap<>(more);
    params.put("visitor", visitor);
    params.put("page", page);
    templates.render(ctx, template, params);
  }

  private static byte[] resource(String name) {
    try (InputStream in = PageRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
