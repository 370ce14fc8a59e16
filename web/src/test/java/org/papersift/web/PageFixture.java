package org.papersift.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.papersift.core.account.User;
import org.papersift.core.paper.Paper;

/** A web server over a {@link TestLibrary} for page tests, and a client to fetch its pages. */
final class PageFixture implements AutoCloseable {
  static final WebSettings SETTINGS =
      new WebSettings(new byte[32], false, Duration.ofDays(30), Clock.systemUTC());
  static final String XSS = "<script>alert(1)</script>";

  final TestLibrary library;
  private final WebServer server;
  private final HttpClient client = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  PageFixture(TestLibrary library) {
    this.library = library;
    this.server = new WebServer(library, SETTINGS).start("127.0.0.1", 0);
  }

  record Response(int status, String body, Map<String, List<String>> headers) {
    Document doc() {
      return Jsoup.parse(body);
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  Response get(String pathAndQuery) {
    try {
      HttpRequest req = HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
          .timeout(Duration.ofSeconds(20)).GET().build();
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers().map());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET that must answer 200 with HTML; returns the parsed page. */
  Document page(String pathAndQuery) {
    Response r = get(pathAndQuery);
    if (r.status() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.status() + ":\n"
          + r.body());
    }
    return r.doc();
  }

  /** A vote by a fresh user on each paper id given, one user per vote. */
  void votes(String paperId, int n) {
    for (int i = 0; i < n; i++) {
      User u = library.users().createUser("voter" + System.nanoTime() + "@example.org", "x",
          Instant.now()).orElseThrow();
      library.users().vote(u.id(), paperId, Instant.now());
    }
  }

  /** {@code n} papers on {@code day} with ids prefix.0001…, titles "Title N". */
  static Paper[] papersOn(LocalDate day, String idPrefix, int n) {
    List<Paper> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(TestLibrary.paper(String.format("%s.%05d", idPrefix, i), "Paper number " + i,
          day, "Author " + i));
    }
    return out.toArray(Paper[]::new);
  }

  /** A paper with every field filled in, and markup in all text. */
  static Paper xssPaper(String id, LocalDate day) {
    return new Paper(id, 2, XSS + " title", XSS + " abstract & more",
        List.of(XSS + " Author", "Ada Lovelace"), List.of("cs.CL"), day, day, XSS + " comment",
        XSS + " journal", "10.1000/xyz<script>", XSS, List.of());
  }

  static final Templates TEMPLATES = new Templates();

  /** A signed-in visitor, for rendering templates directly (the server only sees anonymous). */
  static Visitor signedIn() {
    return new Visitor(new User(7, "ada@example.org", Instant.parse("2025-01-01T00:00:00Z")),
        "csrf-token-123");
  }

  static String render(String template, Visitor visitor, Object page, Map<String, Object> more) {
    Map<String, Object> params = new java.util.HashMap<>(more);
    params.put("visitor", visitor);
    params.put("page", page);
    return TEMPLATES.render(template, params);
  }

  @Override
  public void close() {
    server.close();
  }
}
