package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The links of the mails: confirm, and unsubscribe by the page's button or by RFC 8058
 * one-click (a POST with no cookies and no CSRF token), and their bad tokens.
 */
class DigestLinksTest {
  private final AccountHarness site = new AccountHarness();

  @AfterEach
  void stop() {
    site.close();
  }

  private TestSubscriptions subs() {
    return site.library.subscriptions;
  }

  private static String outcome(HttpResponse<String> r) {
    return Jsoup.parse(r.body()).select("main [role=alert], main [role=status]").text();
  }

  /** What a mail client sends (RFC 8058): no cookies, no Origin, no token but the link's. */
  private HttpResponse<String> oneClick(String pathAndQuery, String... headers)
      throws IOException, InterruptedException {
    HttpClient bare = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(site.base + pathAndQuery))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
        .timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return bare.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConfirmLinkAsksAndTheButtonConfirms() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> ask = b.get("/subscribe/confirm?token=good");
    assertThat(ask.statusCode()).isEqualTo(200);
    assertThat(subs().confirmed).as("following the link (a mail scanner may) does nothing")
        .isEmpty();
    assertThat(ask.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    Element form = Jsoup.parse(ask.body()).selectFirst("main form[method=post]");
    assertThat(form.attr("action")).isEqualTo("/subscribe/confirm?token=good");
    assertThat(form.select("button").text()).isEqualTo("Confirm");
    assertThat(outcome(ask)).isEqualTo("Get digests at reader@example.org?");

    // a bad link says so at once, with no button to press
    for (String bad : new String[] {"expired", "good-but-tampered"}) {
      HttpResponse<String> no = b.get("/subscribe/confirm?token=" + bad);
      assertThat(no.statusCode()).as(bad).isEqualTo(400);
      assertThat(Jsoup.parse(no.body()).select("main form[method=post]")).as(bad).isEmpty();
      assertThat(Jsoup.parse(no.body()).selectFirst("h1").text())
          .isEqualTo("This link did not work");
    }
    assertThat(outcome(b.get("/subscribe/confirm?token=expired")))
        .isEqualTo("This link has expired.");
    assertThat(subs().confirmed).as("checking confirms nothing").isEmpty();

    HttpResponse<String> r = b.post(form.attr("action"),
        Map.of("_csrf", form.selectFirst("input[name=_csrf]").val()));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(outcome(r)).isEqualTo("Your subscription is confirmed.");
    assertThat(Jsoup.parse(r.body()).selectFirst("h1").text()).isEqualTo("Subscription confirmed");

    String csrf = form.selectFirst("input[name=_csrf]").val();
    r = b.post("/subscribe/confirm?token=expired", Map.of("_csrf", csrf));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(outcome(r)).isEqualTo("This link has expired.");
    r = b.post("/subscribe/confirm?token=good-but-tampered", Map.of("_csrf", csrf));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(outcome(r)).contains("not valid");
    assertThat(subs().confirmed).containsExactly("good", "expired", "good-but-tampered");

    // No token, or one too long to be ours: refused without asking the app.
    r = b.get("/subscribe/confirm");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(outcome(r)).contains("no token");
    r = b.get("/subscribe/confirm?token=");
    assertThat(r.statusCode()).isEqualTo(400);
    r = b.post("/subscribe/confirm?token=" + "x".repeat(3000), Map.of("_csrf", csrf));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(outcome(r)).contains("not valid");
    assertThat(subs().confirmed).hasSize(3);
  }

  @Test
  void theUnsubscribeLinkAsksAndTheButtonActsWithoutSigningIn() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> ask = b.get("/unsubscribe?token=good");
    assertThat(ask.statusCode()).isEqualTo(200);
    assertThat(subs().checked).containsExactly("good");
    assertThat(subs().unsubscribed).as("following the link (a mail scanner may) does nothing")
        .isEmpty();
    Document page = Jsoup.parse(ask.body());
    assertThat(outcome(ask)).contains("Unsubscribe reader@example.org");
    Element form = page.selectFirst("main form[method=post]");
    assertThat(form.attr("action")).isEqualTo("/unsubscribe?token=good");
    assertThat(form.select("button").text()).isEqualTo("Unsubscribe");

    HttpResponse<String> done = b.post(form.attr("action"),
        Map.of("_csrf", form.selectFirst("input[name=_csrf]").val()));
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(outcome(done)).isEqualTo("You are unsubscribed.");
    assertThat(subs().unsubscribed).containsExactly("good");
  }

  @Test
  void badUnsubscribeLinks() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> r = b.get("/unsubscribe?token=expired");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(outcome(r)).isEqualTo("This link has expired.");
    assertThat(Jsoup.parse(r.body()).select("main form[action^=/unsubscribe]")).isEmpty();
    r = b.get("/unsubscribe");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(subs().checked).containsExactly("expired");

    r = b.post("/unsubscribe?token=tampered", Map.of("_csrf", b.csrf("/subscribe")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(outcome(r)).contains("not valid");
  }

  @Test
  void oneClickUnsubscribeNeedsNoCookiesAndNoCsrfToken() throws Exception {
    HttpResponse<String> r = oneClick("/unsubscribe?token=good");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Location")).as("RFC 8058: no redirect").isEmpty();
    assertThat(outcome(r)).isEqualTo("You are unsubscribed.");
    assertThat(subs().unsubscribed).containsExactly("good");

    r = oneClick("/unsubscribe?token=tampered");
    assertThat(r.statusCode()).isEqualTo(400);
    r = oneClick("/unsubscribe");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(subs().unsubscribed).containsExactly("good", "tampered");

    // The Origin check stays: another site's page cannot post it from a browser...
    r = oneClick("/unsubscribe?token=good", "Origin", "https://evil.example");
    assertThat(r.statusCode()).isEqualTo(403);
    r = oneClick("/unsubscribe?token=good", "Sec-Fetch-Site", "cross-site");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(subs().unsubscribed).hasSize(2);
  }

  @Test
  void theExemptionIsThisOneRouteOnly() throws Exception {
    // The same bare POST anywhere else is refused for its missing token.
    for (String path : java.util.List.of("/subscribe", "/unsubscribe/", "/unsubscribe/x",
        "/alerts", "/account/digest", "/signout")) {
      HttpResponse<String> r = oneClick(path + "?token=good");
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(Jsoup.parse(r.body()).select("[role=alert]").text()).as(path)
          .contains("CSRF");
    }
    assertThat(subs().unsubscribed).isEmpty();
    assertThat(subs().subscribed).isEmpty();
  }
}
