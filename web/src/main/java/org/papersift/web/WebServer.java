package org.papersift.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.papersift.core.paper.InvalidPaperException;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;
import org.papersift.core.query.Hit;
import org.papersift.core.query.InvalidQueryException;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;

/**
 * The HTTP server. Routes read like a table; each handler parses the request, asks the
 * {@link Library} once, and renders. Errors become problem JSON (API) with the right status,
 * never a 200 with an error inside. Owns the Javalin (Jetty) server; close stops it.
 */
public final class WebServer implements AutoCloseable {
  private static final int DEFAULT_LIMIT = 20;
  private final Library library;
  private final Javalin app;

  public WebServer(Library library) {
    this.library = library;
    ObjectMapper json = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(json, false));
      config.routes.get("/", this::home);
      config.routes.get("/api/search", this::search);
      config.routes.get("/api/papers/{id}", this::paper);
      config.routes.get("/api/status", this::status);
      config.routes.before(ctx -> {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'");
        ctx.header("Referrer-Policy", "same-origin");
      });
      config.routes.exception(IllegalArgumentException.class,
          (e, ctx) -> problem(ctx, 400, "Bad request", e.getMessage()));
      config.routes.exception(NotFoundResponse.class,
          (e, ctx) -> problem(ctx, 404, "Not found", e.getMessage()));
      config.routes.exception(Exception.class,
          (e, ctx) -> problem(ctx, 500, "Server error", "the request failed; see the server log"));
    });
  }

  /** Starts listening; port 0 picks a free port (see {@link #port()}). */
  public WebServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  private void search(Context ctx) {
    SearchQuery q = queryFrom(ctx);
    SearchResult r = library.search(q);
    Map<String, Paper> papers = library.papers(r.hits().stream().map(Hit::id).toList());
    List<HitView> results = new ArrayList<>();
    for (Hit h : r.hits()) {
      results.add(HitView.of(h, papers.get(h.id())));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", q.text());
    body.put("total", r.totalMatches());
    body.put("notes", r.notes());
    body.put("results", results);
    ctx.json(body);
  }

  private void paper(Context ctx) {
    String id;
    try {
      id = PaperId.parse(ctx.pathParam("id")).id();
    } catch (InvalidPaperException e) {
      throw new NotFoundResponse("no paper with id " + ctx.pathParam("id"));
    }
    Paper p = library.papers(List.of(id)).get(id);
    if (p == null) {
      throw new NotFoundResponse("no paper with id " + id);
    }
    ctx.json(PaperView.of(p));
  }

  private void status(Context ctx) {
    ctx.json(library.status());
  }

  /** A plain search page: a form and the results, every text escaped. No JavaScript. */
  private void home(Context ctx) {
    String text = ctx.queryParam("q");
    StringBuilder html = new StringBuilder(4096);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>papersift</title><style>body{font-family:sans-serif;max-width:50rem;")
        .append("margin:2rem auto;padding:0 1rem}li{margin:.8rem 0}small{color:#555}</style>")
        .append("</head><body><h1>papersift</h1><form action=\"/\" method=\"get\">")
        .append("<input name=\"q\" size=\"50\" aria-label=\"search\" value=\"")
        .append(Html.escape(text)).append("\"> <button>Search</button></form>");
    if (text != null && !text.isBlank()) {
      try {
        SearchQuery q = SearchQuery.parse(text, DEFAULT_LIMIT);
        SearchResult r = library.search(q);
        Map<String, Paper> papers = library.papers(r.hits().stream().map(Hit::id).toList());
        for (String note : r.notes()) {
          html.append("<p><small>").append(Html.escape(note)).append("</small></p>");
        }
        html.append("<p>").append(r.totalMatches()).append(" matching papers</p><ol>");
        for (Hit h : r.hits()) {
          Paper p = papers.get(h.id());
          html.append("<li><a href=\"https://arxiv.org/abs/").append(Html.escape(h.id()))
              .append("\">").append(Html.escape(h.title())).append("</a><br><small>");
          if (p != null) {
            html.append(Html.escape(String.join(", ", p.authors()))).append(" · ")
                .append(p.published() == null ? "" : p.published()).append(" · ")
                .append(Html.escape(String.join(" ", p.categories())));
          }
          html.append("</small></li>");
        }
        html.append("</ol>");
      } catch (InvalidQueryException e) {
        ctx.status(400);
        html.append("<p role=\"alert\">").append(Html.escape(e.getMessage())).append("</p>");
      }
    }
    Library.Status s = library.status();
    html.append("<footer><small>").append(s.stored()).append(" papers · JSON API: ")
        .append("<code>/api/search?q=...</code></small></footer></body></html>");
    ctx.html(html.toString());
  }

  private static SearchQuery queryFrom(Context ctx) {
    String q = ctx.queryParam("q");
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT);
    SearchQuery parsed = SearchQuery.parse(q == null ? "" : q, limit);
    return parsed.withFilters(ctx.queryParams("cat"), ctx.queryParams("author"),
        dateParam(ctx, "from"), dateParam(ctx, "to"));
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a whole number, got \"" + v + "\"");
    }
  }

  private static LocalDate dateParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": expected a date like 2025-03-18, got \""
          + v + "\"");
    }
  }

  private static void problem(Context ctx, int status, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    ctx.json(body);
    ctx.status(status).contentType("application/problem+json");
  }

  @Override
  public void close() {
    app.stop();
  }
}
