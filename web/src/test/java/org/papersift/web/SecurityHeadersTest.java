package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Security headers on every response, cookie attributes, and pages fit for the CSP. */
class SecurityHeadersTest {
  @Test
  void everyResponseCarriesTheHeaders() {
    try (AccountHarness site = new AccountHarness()) {
      site.user("reader@example.org", "the right password");
      AccountHarness.Browser anonymous = site.browser();
      AccountHarness.Browser reader = site.browser();
      reader.signIn("reader@example.org", "the right password");
      List<HttpResponse<String>> responses = List.of(
          anonymous.get("/"),
          anonymous.get("/signin"),
          anonymous.get("/signup"),
          anonymous.get("/static/site.css"),
          anonymous.get("/no/such/page"),
          anonymous.get("/api/session"),
          anonymous.get("/api/no-such-endpoint"),
          anonymous.get("/library"),
          anonymous.post("/signin", Map.of("email", "x@example.org", "password", "whatever1")),
          anonymous.send("DELETE", "/api/papers/" + AccountHarness.PAPER + "/vote"),
          reader.get("/account"),
          reader.get("/library?page=nope"),
          reader.get("/library.bib"),
          reader.submit("/account", "/papers/" + AccountHarness.PAPER + "/vote",
              Map.of("action", "up")));
      assertThat(responses).extracting(HttpResponse::statusCode)
          .contains(200, 303, 400, 403, 404);
      for (HttpResponse<String> r : responses) {
        String what = r.request().method() + " " + r.uri().getPath() + " " + r.statusCode();
        assertThat(r.headers().firstValue("Content-Security-Policy")).as(what)
            .hasValue("default-src 'self'; frame-ancestors 'none'; form-action 'self';"
                + " base-uri 'none'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what)
            .hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(t ->
            assertThat(t.toLowerCase(java.util.Locale.ROOT)).satisfiesAnyOf(
                html -> assertThat(html).matches("text/html; ?charset=utf-8"),
                other -> assertThat(other).doesNotStartWith("text/html")));
        assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).as(what + ": not over"
            + " plain HTTP").isEmpty();
      }
    }
  }

  @Test
  void httpsSitesGetHstsAndSecureCookies() {
    try (AccountHarness site = new AccountHarness(AccountLimits.DEFAULTS, true)) {
      HttpResponse<String> r = site.browser().get("/signin");
      assertThat(r.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=31536000");
      assertThat(r.headers().allValues("Set-Cookie")).singleElement()
          .satisfies(c -> assertThat(c).startsWith("pscsrf=").contains("; Secure"));
    }
  }

  @Test
  void cookieAttributesAndNoCookiesForApiClients() {
    try (AccountHarness site = new AccountHarness()) {
      AccountHarness.Browser b = site.browser();
      HttpResponse<String> form = b.get("/signin");
      assertThat(form.headers().allValues("Set-Cookie")).singleElement().satisfies(c ->
          assertThat(c).matches("pscsrf=[A-Za-z0-9_-]{43};.*").contains("Path=/")
              .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
              .doesNotContain("Secure"));
      assertThat(b.get("/signup").headers().allValues("Set-Cookie"))
          .as("set once, then reused").isEmpty();

      AccountHarness.Browser script = site.browser();
      assertThat(script.get("/api/session").headers().allValues("Set-Cookie")).isEmpty();
      assertThat(script.get("/api/nothing-here").headers().allValues("Set-Cookie")).isEmpty();
      HttpResponse<String> feed = script.get("/feeds/trending.atom");
      assertThat(feed.statusCode()).isEqualTo(200);
      assertThat(feed.headers().allValues("Set-Cookie")).isEmpty();
      HttpResponse<String> css = script.get("/static/site.css");
      assertThat(css.statusCode()).isEqualTo(200);
      assertThat(css.headers().allValues("Set-Cookie")).isEmpty();
      assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
    }
  }

  @Test
  void accountPagesHaveNoInlineScriptOrStyleAndEscapeInput() {
    try (AccountHarness site = new AccountHarness()) {
      site.user("reader@example.org", "the right password");
      AccountHarness.Browser b = site.browser();
      HttpResponse<String> echoed = b.submit("/signin", "/signin", Map.of(
          "email", "\"><script>alert(1)</script>@example.org", "password", "whatever123"));
      assertThat(echoed.body()).doesNotContain("<script>");
      assertThat(Jsoup.parse(echoed.body()).select("input[name=email]").attr("value"))
          .isEqualTo("\"><script>alert(1)</script>@example.org");
      b.signIn("reader@example.org", "the right password");
      site.library.users().save(site.library.users().credentials("reader@example.org")
          .orElseThrow().user().id(), AccountHarness.PAPER, "<b>bold</b>", site.clock.instant());
      for (String path : List.of("/account", "/library")) {
        Document page = Jsoup.parse(b.get(path).body());
        // The layout loads /static/site.js, which the CSP allows; nothing inline.
        assertThat(page.select("script:not([src]), style, [style], [onclick], [onsubmit]"))
            .as(path).isEmpty();
        assertThat(page.select("script").eachAttr("src")).as(path)
            .allSatisfy(src -> assertThat(src).startsWith("/static/"));
        assertThat(page.select("form[method=post]")).as(path).isNotEmpty()
            .allSatisfy(f -> assertThat(f.select("input[name=_csrf]").attr("value"))
                .isNotEmpty());
        assertThat(page.select("form")).allSatisfy(f -> assertThat(f.attr("action"))
            .as("form-action 'self'").startsWith("/"));
      }
      for (String path : List.of("/signin", "/signup")) {
        Document page = Jsoup.parse(site.browser().get(path).body());
        assertThat(page.select("script:not([src]), style, [style]")).as(path).isEmpty();
        assertThat(page.select("script").eachAttr("src")).as(path)
            .allSatisfy(src -> assertThat(src).startsWith("/static/"));
        assertThat(page.select("input[name=_csrf]").attr("value")).as(path).isNotEmpty();
      }
    }
  }
}
