package org.papersift.web;

import static org.papersift.web.RequestParams.day;
import static org.papersift.web.RequestParams.echo;
import static org.papersift.web.RequestParams.optional;
import static org.papersift.web.RequestParams.wholeNumber;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.core.trending.TrendingScore;

/**
 * Atom 1.0 feeds (RFC 4287) of the lists the site shows: a day's papers, trending papers, a
 * search, an author's papers. Built with Rome's Atom model, so every text is escaped by the XML
 * writer; characters XML 1.0 cannot carry at all (control characters some sources leave in) are
 * dropped first. Links are absolute, built from the request's Host header (checked to be a host
 * name) and scheme, https when the site sets Secure cookies because it is then served over HTTPS
 * behind a proxy. Stateless and thread-safe.
 */
final class FeedRoutes {
  static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  private static final String ARXIV = "https://arxiv.org";
  /** A host name, IPv4 or [IPv6] address, with an optional port: all a Host header may be. */
  private static final Pattern HOST = Pattern.compile(
      "(?:[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");

  private final Library library;
  private final WebSettings settings;

  FeedRoutes(Library library, Templates templates, WebSettings settings) {
    this.library = library;
    this.settings = settings;
  }

  void register(RoutesConfig routes) {
    routes.get("/feeds/daily.atom", this::daily);
    routes.get("/feeds/trending.atom", this::trending);
    routes.get("/feeds/search.atom", this::search);
    routes.get("/feeds/authors/{name}.atom", this::author);
  }

  /** A day's papers (default: the newest day with papers), newest first. */
  private void daily(Context ctx) {
    LocalDate requested = day(ctx, "date");
    int limit = limit(ctx);
    LocalDate day = requested != null ? requested : library.latestDay();
    List<Paper> papers = day == null ? List.of()
        : library.published(day, day, Library.DailySort.PUBLISHED, 0, limit).items();
    Query self = new Query().add("date", requested).add("limit", limit, DEFAULT_LIMIT);
    String title = day == null ? "papersift: no papers yet" : "papersift: papers of " + day;
    send(ctx, "/feeds/daily.atom", self, title, papers);
  }

  /** Papers by trending score, highest first. */
  private void trending(Context ctx) {
    int limit = limit(ctx);
    List<String> ids = library.trending(0, limit).items().stream()
        .map(TrendingScore::paperId).toList();
    Query self = new Query().add("limit", limit, DEFAULT_LIMIT);
    send(ctx, "/feeds/trending.atom", self, "papersift: trending papers", inOrder(ids));
  }

  /** A search with the same parameters as /api/search (q with its filters, cat, author, ...). */
  private void search(Context ctx) {
    int limit = limit(ctx);
    String q = optional(ctx, "q");
    SearchQuery query = SearchQuery.parse(q == null ? "" : q, limit).withFilters(
        ctx.queryParams("cat"), ctx.queryParams("author"), day(ctx, "from"), day(ctx, "to"));
    if (query.text().isEmpty() && !query.hasFilters()) {
      throw new IllegalArgumentException("q: required (or a filter: cat, author, from, to),"
          + " e.g. q=attention");
    }
    SearchResult r = library.search(query);
    Query self = new Query().add("q", q).addAll("cat", ctx.queryParams("cat"))
        .addAll("author", ctx.queryParams("author")).add("from", day(ctx, "from"))
        .add("to", day(ctx, "to")).add("limit", limit, DEFAULT_LIMIT);
    send(ctx, "/feeds/search.atom", self, "papersift: search for " + (q == null ? "" : q),
        inOrder(r.hits().stream().map(Hit::id).toList()));
  }

  /** An author's papers (whole-name match), newest first. */
  private void author(Context ctx) {
    String name = Paper.clean(ctx.pathParam("name"));
    if (name == null) {
      throw new IllegalArgumentException("name: the author's name is missing, e.g."
          + " /feeds/authors/Ada%20Lovelace.atom");
    }
    int limit = limit(ctx);
    List<Paper> papers = library.byAuthor(name, 0, limit).items();
    Query self = new Query().add("limit", limit, DEFAULT_LIMIT);
    send(ctx, "/feeds/authors/" + pathSegment(name) + ".atom", self,
        "papersift: papers by " + name, papers);
  }

  private static int limit(Context ctx) {
    return wholeNumber(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  /** The stored papers among {@code ids}, in that order. */
  private List<Paper> inOrder(List<String> ids) {
    Map<String, Paper> found = library.papers(ids);
    return ids.stream().map(found::get).filter(Objects::nonNull).toList();
  }

  private void send(Context ctx, String path, Query query, String title, List<Paper> papers) {
    String base = baseUrl(ctx);
    String selfUrl = base + path + query;
    Date fallback = Date.from(settings.clock().instant());

    List<Entry> entries = new ArrayList<>(papers.size());
    for (Paper p : papers) {
      entries.add(entry(base, p, fallback));
    }
    Feed feed = new Feed("atom_1.0");
    feed.setEncoding("UTF-8");
    // The feed's id is its canonical address: the same parameters give the same id whatever
    // their order or spelling in the request.
    feed.setId(selfUrl);
    feed.setTitle(xml(title));
    feed.setOtherLinks(List.of(link("self", "application/atom+xml", selfUrl)));
    feed.setAuthors(List.of(person("papersift")));
    Generator generator = new Generator();
    generator.setValue("papersift");
    feed.setGenerator(generator);
    feed.setUpdated(entries.stream().map(Entry::getUpdated).max(Comparator.naturalOrder())
        .orElse(fallback));
    feed.setEntries(entries);
    try {
      ctx.contentType(CONTENT_TYPE)
          .result(new WireFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8));
    } catch (FeedException e) {
      throw new IllegalStateException("could not write the feed " + path, e);
    }
  }

  private static Entry entry(String base, Paper p, Date fallback) {
    String page = base + "/papers/" + pathSegments(p.id());
    Entry e = new Entry();
    // The paper page is the entry's id: one paper is one entry in every feed, across versions.
    e.setId(page);
    e.setTitle(xml(p.title()));
    Date published = date(p.published());
    Date updated = date(p.updated() != null ? p.updated() : p.published());
    e.setUpdated(updated != null ? updated : fallback);
    if (published != null) {
      e.setPublished(published);
    }
    List<SyndPerson> authors = new ArrayList<>(p.authors().size());
    for (String name : p.authors()) {
      authors.add(person(name));
    }
    e.setAuthors(authors);
    if (p.abstractText() != null) {
      Content summary = new Content();
      summary.setType(Content.TEXT);
      summary.setValue(xml(p.abstractText()));
      e.setSummary(summary);
    }
    e.setAlternateLinks(List.of(link("alternate", "text/html", page)));
    // Atom allows one alternate per media type, and the paper page is that one; arXiv's pages
    // are related resources.
    if (PaperId.parse(p.id()).isArxiv()) {
      e.setOtherLinks(List.of(link("related", "text/html", ARXIV + "/abs/" + p.id()),
          link("related", "application/pdf", ARXIV + "/pdf/" + p.id())));
    }
    List<Category> categories = new ArrayList<>(p.categories().size());
    for (String c : p.categories()) {
      Category category = new Category();
      category.setTerm(xml(c));
      categories.add(category);
    }
    e.setCategories(categories);
    return e;
  }

  /** scheme://host[:port] of this site as the client reached it. */
  private String baseUrl(Context ctx) {
    String host = ctx.header("Host");
    if (host == null || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("Host header: expected a host name with an optional"
          + " port, got " + (host == null ? "none" : echo(host)));
    }
    String scheme = settings.secureCookies() ? "https" : ctx.scheme();
    return scheme + "://" + host;
  }

  private static Link link(String rel, String type, String href) {
    Link l = new Link();
    l.setRel(rel);
    l.setType(type);
    l.setHref(href);
    return l;
  }

  private static Person person(String name) {
    Person p = new Person();
    p.setName(xml(name));
    return p;
  }

  private static Date date(LocalDate day) {
    return day == null ? null : Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /**
   * The text without the characters XML 1.0 cannot hold even escaped (controls other than tab,
   * newline and return, lone surrogates, U+FFFE/U+FFFF), spaces then collapsed; the XML writer
   * escapes the rest.
   */
  static String xml(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && out == null) {
        out = new StringBuilder(s.length());
        out.append(s, 0, i);
      } else if (ok && out != null) {
        out.append(c);
      }
    }
    if (out == null) {
      return s;
    }
    // a dropped character leaves its spaces around: collapse them as Paper does
    String cleaned = Paper.clean(out.toString());
    return cleaned == null ? "" : cleaned;
  }

  /** An id as path segments: each one percent-encoded, the slashes of old arXiv ids kept. */
  private static String pathSegments(String id) {
    StringJoiner out = new StringJoiner("/");
    for (String segment : id.split("/", -1)) {
      out.add(pathSegment(segment));
    }
    return out.toString();
  }

  private static String pathSegment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A canonical query string: parameters in a fixed order, defaults left out, encoded. */
  private static final class Query {
    private final StringJoiner parts = new StringJoiner("&", "?", "").setEmptyValue("");

    Query add(String name, Object value) {
      if (value != null) {
        parts.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      }
      return this;
    }

    Query add(String name, int value, int fallback) {
      return value == fallback ? this : add(name, value);
    }

    Query addAll(String name, List<String> values) {
      values.stream().filter(v -> !v.isBlank()).forEach(v -> add(name, v.strip()));
      return this;
    }

    @Override
    public String toString() {
      return parts.toString();
    }
  }

}
