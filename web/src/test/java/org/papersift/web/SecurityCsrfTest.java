package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Forged, missing and foreign CSRF tokens, and cross-origin requests. */
class SecurityCsrfTest {
  private final AccountHarness site = new AccountHarness();

  @AfterEach
  void stop() {
    site.close();
  }

  private static void assertRefused(HttpResponse<String> r, String why) {
    assertThat(r.statusCode()).as(why).isEqualTo(403);
    String message = r.uri().getPath().startsWith("/api/")
        ? r.body() : Jsoup.parse(r.body()).select("[role=alert]").text();
    assertThat(message).as(why).contains("refused");
  }

  @Test
  void signUpAndSignInFormsNeedTheirToken() {
    site.user("reader@example.org", "the right password");
    AccountHarness.Browser b = site.browser();
    b.get("/signin"); // has its pscsrf cookie now
    assertRefused(b.post("/signin", Map.of("email", "reader@example.org", "password",
        "the right password")), "no token");
    assertRefused(b.post("/signin", Map.of("_csrf", "forged", "email", "reader@example.org",
        "password", "the right password")), "forged token");
    assertRefused(b.post("/signup", Map.of("_csrf", "", "email", "new@example.org",
        "password", "a long password", "confirm", "a long password")), "empty token");
    assertThat(b.cookie("psid")).isEmpty();
    assertThat(site.library.users().credentials("new@example.org")).isEmpty();

    // Another browser's token is worthless here (it is bound to that browser's cookie).
    String foreign = site.browser().csrf("/signin");
    assertRefused(b.post("/signin", Map.of("_csrf", foreign, "email", "reader@example.org",
        "password", "the right password")), "another browser's token");
    assertThat(b.signedIn()).isFalse();

    // Without the cookie, the token alone does not do either.
    AccountHarness.Browser cookieless = site.browser();
    assertRefused(cookieless.post("/signin", Map.of("_csrf", b.csrf("/signin"), "email",
        "reader@example.org", "password", "the right password")), "no cookie");

    assertThat(b.signIn("reader@example.org", "the right password").statusCode())
        .isEqualTo(303);
  }

  @Test
  void signedInChangesNeedTheSessionsToken() {
    site.user("reader@example.org", "the right password");
    site.user("other@example.org", "another password");
    AccountHarness.Browser reader = site.browser();
    AccountHarness.Browser other = site.browser();
    String anonymousToken = reader.csrf("/signin");
    reader.signIn("reader@example.org", "the right password");
    other.signIn("other@example.org", "another password");
    String path = "/papers/" + AccountHarness.PAPER + "/vote";

    assertRefused(reader.post(path, Map.of("action", "up")), "missing");
    assertRefused(reader.post(path, Map.of("action", "up", "_csrf",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), "forged");
    assertRefused(reader.post(path, Map.of("action", "up", "_csrf", other.csrf("/account"))),
        "another user's");
    assertRefused(reader.post(path, Map.of("action", "up", "_csrf", anonymousToken)),
        "the token from before signing in");
    assertRefused(reader.send("POST", "/api/papers/" + AccountHarness.PAPER + "/vote",
        "X-CSRF-Token", "forged"), "forged header");
    assertThat(site.upvotes(AccountHarness.PAPER)).isZero();
    assertRefused(reader.post("/account/password", Map.of("current", "the right password",
        "password", "taken over!", "confirm", "taken over!")), "password change");
    assertRefused(reader.post("/signout", Map.of()), "sign-out");
    assertThat(reader.signedIn()).isTrue();

    String token = reader.csrf("/account");
    assertThat(reader.post(path, Map.of("action", "up"), "X-CSRF-Token", token).statusCode())
        .as("the header works for forms too").isEqualTo(303);
    assertThat(site.upvotes(AccountHarness.PAPER)).isEqualTo(1);

    reader.post("/signout", Map.of("_csrf", token));
    reader.get("/signin");
    assertRefused(reader.post("/papers/" + AccountHarness.PAPER + "/save",
        Map.of("_csrf", token)), "a signed-out session's token");
  }

  @Test
  void crossOriginRequestsAreRefused() {
    site.user("reader@example.org", "the right password");
    AccountHarness.Browser reader = site.browser();
    reader.signIn("reader@example.org", "the right password");
    String token = reader.csrf("/account");
    String path = "/papers/" + AccountHarness.PAPER + "/vote";
    Map<String, String> form = Map.of("_csrf", token, "action", "up");

    assertRefused(reader.post(path, form, "Origin", "http://evil.example"), "other site");
    assertRefused(reader.post(path, form, "Origin", "https://127.0.0.1:" + site.server.port()
        + ".evil.example"), "look-alike");
    assertRefused(reader.post(path, form, "Origin", "http://127.0.0.1:1"), "other port");
    assertRefused(reader.post(path, form, "Origin", "null"), "opaque origin");
    assertRefused(reader.post(path, form, "Sec-Fetch-Site", "cross-site"), "fetch metadata");
    assertThat(site.upvotes(AccountHarness.PAPER)).isZero();

    assertThat(reader.post(path, form, "Origin", "http://127.0.0.1:" + site.server.port(),
        "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(303);
    assertThat(site.upvotes(AccountHarness.PAPER)).isEqualTo(1);
  }

  @Test
  void sameOriginComparesSchemeDefaultPortsAndHost() {
    assertThat(SecurityFilter.sameOrigin("https://papers.example.org", "papers.example.org"))
        .isTrue();
    assertThat(SecurityFilter.sameOrigin("https://Papers.Example.org",
        "papers.example.org:443")).isTrue();
    assertThat(SecurityFilter.sameOrigin("http://papers.example.org", "papers.example.org"))
        .isTrue();
    assertThat(SecurityFilter.sameOrigin("http://localhost:7070", "localhost:7070")).isTrue();
    assertThat(SecurityFilter.sameOrigin("http://[::1]:7070", "[::1]:7070")).isTrue();
    assertThat(SecurityFilter.sameOrigin("http://localhost:7071", "localhost:7070")).isFalse();
    assertThat(SecurityFilter.sameOrigin("https://papers.example.org", "papers.example.org:80"))
        .isFalse();
    assertThat(SecurityFilter.sameOrigin("https://evil.example", "papers.example.org"))
        .isFalse();
    assertThat(SecurityFilter.sameOrigin("https://papers.example.org.evil.example",
        "papers.example.org")).isFalse();
    assertThat(SecurityFilter.sameOrigin("null", "papers.example.org")).isFalse();
    assertThat(SecurityFilter.sameOrigin("ftp://papers.example.org", "papers.example.org"))
        .isFalse();
    assertThat(SecurityFilter.sameOrigin("https://papers.example.org", null)).isFalse();
    assertThat(SecurityFilter.sameOrigin("::garbage", "papers.example.org")).isFalse();
  }

  @Test
  void anExpiredSessionsFormAsksToSignInAgain() {
    site.user("reader@example.org", "the right password");
    AccountHarness.Browser reader = site.browser();
    reader.signIn("reader@example.org", "the right password");
    String token = reader.csrf("/account");
    site.clock.advance(Duration.ofDays(31));
    AccountHarness.Browser stale = site.browser();
    stale.setCookie("psid", reader.cookie("psid").orElseThrow());
    assertRefused(stale.post("/papers/" + AccountHarness.PAPER + "/vote", Map.of("action", "up")),
        "no token: refused, whatever the session");
    HttpResponse<String> r = reader.post("/papers/" + AccountHarness.PAPER + "/vote",
        Map.of("_csrf", token, "action", "up"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(Jsoup.parse(r.body()).select("[role=alert]").text()).contains("sign in again");
    assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith("psid=;"));
    assertThat(site.upvotes(AccountHarness.PAPER)).isZero();
  }
}
