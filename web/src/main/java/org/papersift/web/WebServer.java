package org.papersift.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.papersift.core.query.InvalidQueryException;

/**
 * The HTTP server: wires the route groups (pages, accounts, JSON API, feeds) behind one security
 * filter, and turns every error into a page or JSON with the right status, never a 200 with an
 * error inside and never a stack trace. Owns the Javalin (Jetty) server; close stops it.
 */
public final class WebServer implements AutoCloseable {
  private final Javalin app;
  private final Templates templates = new Templates();
  private final List<String> routes = new ArrayList<>();

  public WebServer(Library library, WebSettings settings) {
    this(library, settings, AccountLimits.DEFAULTS);
  }

  /** With other sign-in and sign-up limits, or trusting a proxy's X-Forwarded-For. */
  public WebServer(Library library, WebSettings settings, AccountLimits limits) {
    // Absent values are left out of the JSON, never written as null (openapi.yaml says so).
    ObjectMapper json = new ObjectMapper()
        .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    SecurityFilter security = new SecurityFilter(library, settings);
    byte[] css = resource("/static/site.css");
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.events.handlerAdded(h -> {
        if (h.getHttpMethod().isHttpMethod()) {
          routes.add(h.getHttpMethod().name() + " " + h.getPath());
        }
      });
      config.jsonMapper(new JavalinJackson(json, false));
      config.jetty.modifyServer(server ->
          server.setErrorHandler(new OversizedRequests(templates, settings)));
      config.routes.before(security::before);
      config.routes.get("/static/site.css", ctx -> ctx.contentType("text/css; charset=utf-8")
          .header("Cache-Control", "public, max-age=3600").result(css));
      new PageRoutes(library, templates, settings).register(config.routes);
      new AccountRoutes(library, templates, settings, limits).register(config.routes);
      new PasswordResetRoutes(library, templates, settings, limits).register(config.routes);
      new ApiRoutes(library, templates, settings).register(config.routes);
      new FeedRoutes(library, templates, settings).register(config.routes);
      new SubscriptionRoutes(library, templates, settings, limits).register(config.routes);
      config.routes.exception(HttpResponseException.class,
          (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
      config.routes.exception(IllegalArgumentException.class,
          (e, ctx) -> error(ctx, 400, e.getMessage()));
      config.routes.exception(InvalidQueryException.class,
          (e, ctx) -> error(ctx, 400, e.getMessage()));
      config.routes.exception(Exception.class, (e, ctx) -> {
        System.err.println("papersift: " + ctx.method() + " " + ctx.path() + " failed: " + e);
        error(ctx, 500, "the request failed; the server log says why");
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null) {
          error(ctx, 404, "nothing at " + ctx.path());
        }
      });
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

  /**
   * Every route of every group, as method and path in Javalin's notation ({@code "GET
   * /api/papers/<id>"}), in the order registered; for the test that holds openapi.yaml to them.
   */
  List<String> routes() {
    return List.copyOf(routes);
  }

  /** JSON for the API ({@code {"error", "message", "status"}}), an HTML page for the rest. */
  private void error(Context ctx, int status, String message) {
    String text = message == null || message.isBlank() ? "error " + status : message;
    if (ctx.path().startsWith("/api/")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", text);
      body.put("message", text);
      body.put("status", status);
      ctx.json(body).status(status);
    } else {
      ctx.status(status);
      templates.render(ctx, "error.jte",
          Map.of("visitor", Visitor.of(ctx), "status", status, "message", text));
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
