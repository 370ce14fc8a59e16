package org.papersift.web;

import static org.papersift.web.RequestParams.day;
import static org.papersift.web.RequestParams.echo;
import static org.papersift.web.RequestParams.optional;
import static org.papersift.web.RequestParams.wholeNumber;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.papersift.core.paper.InvalidPaperException;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;

/**
 * The JSON API under /api. Three families:
 *
 * <ul>
 *   <li>The Hugging Face papers API ({@code /api/daily_papers}, {@code /api/papers/search},
 *       {@code /api/papers/{id}}), same paths, parameters and JSON shapes, so clients written for
 *       huggingface.co (huggingface_hub's {@code list_daily_papers}, {@code list_papers},
 *       {@code paper_info}) work against papersift. papersift's own fields are added under names
 *       Hugging Face does not use (categories, comment, doi, ...).
 *   <li>papersift's own: {@code /api/papers/{id}/similar}.
 *   <li>The first API, kept for its clients: {@code /api/search} and {@code /api/status} (their
 *       field names stay snake_case as they were).
 * </ul>
 *
 * <p>Every parameter is checked before the library is asked; a bad one is an
 * IllegalArgumentException naming it, which WebServer answers with 400 JSON. The contract is
 * written down in src/main/resources/openapi.yaml, served at /api/openapi.yaml; a test keeps the
 * two in step. Stateless and thread-safe.
 */
final class ApiRoutes {
  /** Hugging Face's page size for daily papers when none is given. */
  static final int DEFAULT_LIMIT = 50;
  /** Hugging Face's largest page; larger asks are refused rather than silently cut. */
  static final int MAX_LIMIT = 100;
  static final int DEFAULT_SIMILAR = 10;
  /** Page size of the first API's /api/search, which allows up to SearchQuery.MAX_LIMIT. */
  static final int DEFAULT_OLD_SEARCH_LIMIT = 20;

  /** Hugging Face writes instants with milliseconds: 2025-03-18T00:00:00.000Z. */
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

  private final Library library;
  private final byte[] openapi;

  ApiRoutes(Library library, Templates templates, WebSettings settings) {
    this.library = library;
    this.openapi = resource("/openapi.yaml");
  }

  void register(RoutesConfig routes) {
    // Order matters: Javalin answers with the first route that matches, and <id> takes slashes
    // (old arXiv ids look like hep-th/9901001), so the fixed paths come before /api/papers/<id>.
    routes.get("/api/daily_papers", this::dailyPapers);
    routes.get("/api/papers/search", this::searchPapers);
    routes.get("/api/papers/<id>/similar", this::similar);
    routes.get("/api/papers/<id>", this::paper);
    routes.get("/api/search", this::search);
    routes.get("/api/status", this::status);
    routes.get("/api/openapi.yaml", this::openapi);
  }

  // ---- Hugging Face compatible ----

  /** GET /api/daily_papers?date|week|month&sort&p&limit: the papers first published then. */
  private void dailyPapers(Context ctx) {
    Period period = Period.of(ctx, library);
    Library.DailySort sort = sortParam(ctx);
    int limit = wholeNumber(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    // Pages count from 0, as on Hugging Face; the last one must start within an int's reach.
    int page = wholeNumber(ctx, "p", 0, 0, Integer.MAX_VALUE / limit);
    int offset = page * limit;
    // papersift has no submitters: no paper was submitted by anyone, so a submitter filter
    // matches nothing (a 400 would break Hugging Face clients that pass it along).
    boolean bySubmitter = optional(ctx, "submitter") != null;
    if (period == null || bySubmitter) {
      ctx.header("X-Total-Count", "0").json(List.of());
      return;
    }
    Page<Paper> found = library.published(period.from(), period.to(), sort, offset, limit);
    Map<String, Integer> votes = upvotes(found.items().stream().map(Paper::id).toList());
    List<Entry> entries = new ArrayList<>(found.items().size());
    for (Paper p : found.items()) {
      entries.add(Entry.of(HfPaper.of(p, votes), null));
    }
    ctx.header("X-Total-Count", Long.toString(found.total())).json(entries);
  }

  /** GET /api/papers/search?q&limit: hybrid search, results shaped like daily papers. */
  private void searchPapers(Context ctx) {
    String q = optional(ctx, "q");
    if (q == null) {
      throw new IllegalArgumentException("q: required, the words to search for, e.g."
          + " q=attention or q=attention cat:cs.CL");
    }
    int limit = wholeNumber(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    SearchResult r = library.search(SearchQuery.parse(q, limit), SearchMode.HYBRID);
    ctx.json(entries(r.hits()));
  }

  /** GET /api/papers/{id}: one paper, Hugging Face's paper object plus papersift's fields. */
  private void paper(Context ctx) {
    Paper p = stored(ctx.pathParam("id"));
    ctx.json(HfPaper.of(p, upvotes(List.of(p.id()))));
  }

  /** GET /api/papers/{id}/similar?limit: papers like this one, best first. */
  private void similar(Context ctx) {
    Paper p = stored(ctx.pathParam("id"));
    int limit = wholeNumber(ctx, "limit", DEFAULT_SIMILAR, 1, MAX_LIMIT);
    ctx.json(entries(library.similar(p.id(), limit).hits()));
  }

  // ---- the first API ----

  /** GET /api/search?q&limit&cat&author&from&to: the shape `papersift search --json` prints. */
  private void search(Context ctx) {
    int limit = wholeNumber(ctx, "limit", DEFAULT_OLD_SEARCH_LIMIT, 1, SearchQuery.MAX_LIMIT);
    String q = ctx.queryParam("q");
    SearchQuery query = SearchQuery.parse(q == null ? "" : q, limit)
        .withFilters(ctx.queryParams("cat"), ctx.queryParams("author"), day(ctx, "from"),
            day(ctx, "to"));
    SearchResult r = library.search(query);
    Map<String, Paper> papers = library.papers(r.hits().stream().map(Hit::id).toList());
    List<HitView> results = new ArrayList<>(r.hits().size());
    for (Hit h : r.hits()) {
      results.add(HitView.of(h, papers.get(h.id())));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query.text());
    body.put("total", r.totalMatches());
    body.put("notes", r.notes());
    body.put("results", results);
    ctx.json(body);
  }

  /** GET /api/status: counts, the model and the last harvest. */
  private void status(Context ctx) {
    Library.Status s = library.status();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stored", s.stored());
    body.put("indexed", s.indexed());
    body.put("embedded", s.embedded());
    putIfPresent(body, "model", s.model());
    putIfPresent(body, "last_harvest", s.lastHarvest());
    putIfPresent(body, "harvest_problem", s.harvestProblem());
    ctx.json(body);
  }

  private void openapi(Context ctx) {
    ctx.contentType("application/yaml").result(openapi);
  }

  // ---- shared ----

  /** The stored paper for any spelling of its id; 404 for unknown and malformed ids alike. */
  private Paper stored(String raw) {
    String id;
    try {
      id = PaperId.parse(raw).id();
    } catch (InvalidPaperException e) {
      throw new NotFoundResponse("no paper with id " + echo(raw));
    }
    Paper p = library.papers(List.of(id)).get(id);
    if (p == null) {
      throw new NotFoundResponse("no paper with id " + id);
    }
    return p;
  }

  /**
   * Hits as Hugging Face entries with papersift's score; a hit whose paper is no longer stored
   * keeps its id and title.
   */
  private List<Entry> entries(List<Hit> hits) {
    List<String> ids = hits.stream().map(Hit::id).toList();
    Map<String, Paper> papers = library.papers(ids);
    Map<String, Integer> votes = upvotes(ids);
    List<Entry> out = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      Paper p = papers.get(h.id());
      HfPaper paper = p != null ? HfPaper.of(p, votes)
          : new HfPaper(h.id(), List.of(), null, h.title(), null, votes.getOrDefault(h.id(), 0),
              null, null, null, null, null, null, null, null);
      out.add(Entry.of(paper, h.score()));
    }
    return out;
  }

  private Map<String, Integer> upvotes(Collection<String> ids) {
    return ids.isEmpty() ? Map.of() : library.users().upvotes(ids);
  }

  private static Library.DailySort sortParam(Context ctx) {
    String v = optional(ctx, "sort");
    if (v == null || v.equals("publishedAt")) {
      return Library.DailySort.PUBLISHED;
    }
    if (v.equals("trending")) {
      return Library.DailySort.TRENDING;
    }
    throw new IllegalArgumentException("sort: expected publishedAt or trending, got " + echo(v));
  }

  private static void putIfPresent(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  static String instant(LocalDate day) {
    return day == null ? null : INSTANT.format(day.atStartOfDay());
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One item of a Hugging Face list (daily papers, search): the paper and, as Hugging Face
   * repeats them at the top, its title, summary and listing date. {@code numComments} and
   * {@code isAuthorParticipating} are constant (papersift has no comments and no claimed
   * authorship); {@code score} is papersift's ranking score, only on search and similar results.
   */
  record Entry(HfPaper paper, String publishedAt, String title, String summary, int numComments,
      boolean isAuthorParticipating, Float score) {
    static Entry of(HfPaper paper, Float score) {
      return new Entry(paper, paper.publishedAt(), paper.title(), paper.summary(), 0, false,
          score);
    }
  }

  /**
   * Hugging Face's paper object (id, authors, publishedAt, title, summary, upvotes), then
   * papersift's fields, which Hugging Face does not have.
   */
  record HfPaper(String id, List<Author> authors, String publishedAt, String title,
      String summary, int upvotes,
      Integer version, List<String> categories, String updated, String comment,
      String journalRef, String doi, String license, List<Link> links) {

    static HfPaper of(Paper p, Map<String, Integer> votes) {
      return new HfPaper(p.id(), p.authors().stream().map(n -> new Author(n, false)).toList(),
          instant(p.published()), p.title(), p.abstractText(), votes.getOrDefault(p.id(), 0),
          p.version() == 0 ? null : p.version(), p.categories(), instant(p.updated()),
          p.comment(), p.journalRef(), p.doi(), p.license(), p.links());
    }
  }

  /** An author as Hugging Face lists one; papersift never hides an author. */
  record Author(String name, boolean hidden) {}

  /** The days a daily_papers request covers: one day, an ISO week or a month. */
  record Period(LocalDate from, LocalDate to) {

    /** From date, week or month (at most one); none means the newest day, null if none. */
    static Period of(Context ctx, Library library) {
      String date = optional(ctx, "date");
      String week = optional(ctx, "week");
      String month = optional(ctx, "month");
      List<String> given = new ArrayList<>();
      if (date != null) {
        given.add("date");
      }
      if (week != null) {
        given.add("week");
      }
      if (month != null) {
        given.add("month");
      }
      if (given.size() > 1) {
        throw new IllegalArgumentException("date, week, month: give at most one of them, got "
            + String.join(" and ", given));
      }
      if (date != null) {
        LocalDate d = day("date", date);
        return new Period(d, d);
      }
      if (week != null) {
        return week(week);
      }
      if (month != null) {
        return month(month);
      }
      LocalDate latest = library.latestDay();
      return latest == null ? null : new Period(latest, latest);
    }

    /** An ISO week, YYYY-Www: Monday to Sunday; W53 only in the years that have one. */
    static Period week(String v) {
      if (v.matches("\\d{4}-W\\d{2}")) {
        int year = Integer.parseInt(v.substring(0, 4));
        int week = Integer.parseInt(v.substring(6));
        // January 4th is always in week 1; the week-based year has 52 or 53 weeks.
        LocalDate jan4 = LocalDate.of(year, 1, 4);
        long weeks = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week >= 1 && week <= weeks) {
          LocalDate monday = jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
              .with(DayOfWeek.MONDAY);
          return new Period(monday, monday.plusDays(6));
        }
        throw new IllegalArgumentException("week: " + year + " has weeks W01 to W" + weeks
            + ", got " + echo(v));
      }
      throw new IllegalArgumentException("week: expected an ISO week as YYYY-Www, e.g. 2025-W09,"
          + " got " + echo(v));
    }

    /** A month, YYYY-MM: its first to its last day. */
    static Period month(String v) {
      if (v.matches("\\d{4}-\\d{2}")) {
        int m = Integer.parseInt(v.substring(5));
        if (m >= 1 && m <= 12) {
          LocalDate first = LocalDate.of(Integer.parseInt(v.substring(0, 4)), m, 1);
          return new Period(first, first.plusMonths(1).minusDays(1));
        }
      }
      throw new IllegalArgumentException("month: expected a month as YYYY-MM with MM from 01 to"
          + " 12, e.g. 2025-03, got " + echo(v));
    }
  }
}
