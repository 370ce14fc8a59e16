package org.papersift.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.papersift.core.account.User;
import org.papersift.core.paper.Paper;

/** A running site with a few papers, a movable clock and browsers (HttpClient + cookies). */
final class AccountHarness implements AutoCloseable {
  static final String PAPER = "2401.00001";
  static final String OLD_STYLE_PAPER = "hep-th/9901001";
  static final String OTHER_PAPER = "2401.00002";
  static final PasswordHasher HASHER = new PasswordHasher();

  final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T12:00:00Z"));
  final TestLibrary library = new TestLibrary();
  final WebServer server;
  final String base;

  AccountHarness() {
    this(AccountLimits.DEFAULTS, false);
  }

  AccountHarness(AccountLimits limits, boolean secureCookies) {
    library.add(TestLibrary.paper(PAPER, "Attention over papers", LocalDate.of(2024, 1, 2),
            "Ada Lovelace", "Alan Turing"),
        TestLibrary.paper(OLD_STYLE_PAPER, "Strings before arXiv", LocalDate.of(1999, 1, 5),
            "Edward Witten"),
        TestLibrary.paper(OTHER_PAPER, "Votes & {braces} in BibTeX", LocalDate.of(2024, 1, 3),
            "Grace Hopper"));
    byte[] secret = "a test secret of at least 32 bytes, not random".getBytes();
    server = new WebServer(library,
        new WebSettings(secret, secureCookies, Duration.ofDays(30), clock), limits)
        .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  Browser browser() {
    return new Browser();
  }

  /** A user made directly in the store (no sign-up rate limit involved). */
  User user(String email, String password) {
    return library.users().createUser(email, HASHER.hash(password), clock.instant())
        .orElseThrow();
  }

  int upvotes(String paperId) {
    return library.users().upvotes(java.util.List.of(paperId)).getOrDefault(paperId, 0);
  }

  @Override
  public void close() {
    server.close();
  }

  /** A browser: its own cookies, no redirects followed. */
  final class Browser {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
        .build();

    HttpResponse<String> get(String path, String... headers) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
      if (headers.length > 0) {
        b.headers(headers);
      }
      return send(b);
    }

    HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
      if (headers.length > 0) {
        b.headers(headers);
      }
      return send(b);
    }

    HttpResponse<String> send(String method, String path, String... headers) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .method(method, HttpRequest.BodyPublishers.noBody());
      if (headers.length > 0) {
        b.headers(headers);
      }
      return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
      try {
        return http.send(b.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** The _csrf value of the first form on the page. */
    String csrf(String path) {
      HttpResponse<String> page = get(path);
      Element input = Jsoup.parse(page.body()).selectFirst("input[name=_csrf]");
      if (input == null) {
        throw new AssertionError("no _csrf field on " + path + " (" + page.statusCode() + ")");
      }
      return input.attr("value");
    }

    /** Posts the form with the CSRF token the given page carries. */
    HttpResponse<String> submit(String formPage, String action, Map<String, String> fields,
        String... headers) {
      Map<String, String> form = new LinkedHashMap<>(fields);
      form.put("_csrf", csrf(formPage));
      return post(action, form, headers);
    }

    HttpResponse<String> signIn(String email, String password) {
      return submit("/signin", "/signin", Map.of("email", email, "password", password));
    }

    boolean signedIn() {
      HttpResponse<String> r = get("/account");
      return r.statusCode() == 200;
    }

    Optional<String> cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    void setCookie(String name, String value) {
      HttpCookie c = new HttpCookie(name, value);
      c.setPath("/");
      c.setVersion(0);
      cookies.getCookieStore().add(URI.create(base), c);
    }
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** A clock tests can move. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
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
