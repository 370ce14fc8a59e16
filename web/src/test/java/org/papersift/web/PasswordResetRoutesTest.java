package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import nu.validator.client.EmbeddedValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * "Forgot your password?" on the site: the same answer for every address, the limits, CSRF,
 * the reset page and its link (with the real signed tokens, see {@link TestPasswordResets}).
 */
class PasswordResetRoutesTest {
  static final String KNOWN = "reader@example.org";
  static final String OLD = "the old password";
  static final String NEW = "a brand new password";

  private static AccountHarness site() {
    AccountHarness site = new AccountHarness();
    site.library.resets.clock(site.clock);
    site.user(KNOWN, OLD);
    return site;
  }

  /** Asks for a link from an anonymous browser (its CSRF token from the sign-in form). */
  private static HttpResponse<String> forgot(AccountHarness.Browser b, String email) {
    return b.submit("/signin", "/account/forgot", Map.of("email", email));
  }

  private static HttpResponse<String> setPassword(AccountHarness.Browser b, String token,
      String password, String confirm) {
    return b.submit("/signin", "/account/reset",
        Map.of("token", token, "password", password, "confirm", confirm));
  }

  @Test
  void theSignInPageLeadsToAFormWhoseAnswerIsTheSameForKnownAndUnknownAddresses() {
    try (AccountHarness site = site()) {
      AccountHarness.Browser b = site.browser();
      Document signIn = Jsoup.parse(b.get("/signin").body());
      assertThat(signIn.select("a[href=/account/forgot]").text())
          .isEqualTo("Forgot your password?");
      Document form = Jsoup.parse(b.get("/account/forgot").body());
      assertThat(form.select("main form[action=/account/forgot] input[name=email]")).hasSize(1);

      HttpResponse<String> known = forgot(b, "Reader@Example.org");
      HttpResponse<String> unknown = forgot(b, "nobody@example.org");
      assertThat(known.statusCode()).isEqualTo(200);
      assertThat(unknown.statusCode()).isEqualTo(200);
      assertThat(known.body()).isEqualTo(unknown.body()).contains("If an account exists for that"
          + " address, a link to choose a new password is on its way; it works for one hour.")
          .doesNotContain("Reader@Example.org");
      assertThat(site.library.resets.requested)
          .containsExactly("Reader@Example.org", "nobody@example.org");
      assertThat(site.library.resets.mails).extracting(TestPasswordResets.Mail::email)
          .containsExactly("Reader@Example.org");

      HttpResponse<String> bad = forgot(b, "not an address");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(site.library.resets.requested).hasSize(2);
    }
  }

  @Test
  void bothFormsNeedTheirCsrfToken() {
    try (AccountHarness site = site()) {
      AccountHarness.Browser b = site.browser();
      b.get("/account/forgot"); // the anonymous cookie, so only the token is missing
      assertThat(b.post("/account/forgot", Map.of("email", KNOWN)).statusCode()).isEqualTo(403);
      assertThat(b.post("/account/forgot", Map.of("email", KNOWN, "_csrf", "forged"))
          .statusCode()).isEqualTo(403);
      assertThat(site.library.resets.requested).isEmpty();

      String token = site.library.resets.tokenFor(KNOWN);
      assertThat(b.get("/account/reset?token=" + token).statusCode()).isEqualTo(200);
      assertThat(b.post("/account/reset", Map.of("token", token, "password", NEW, "confirm", NEW))
          .statusCode()).isEqualTo(403);
      assertThat(site.browser().signIn(KNOWN, OLD).statusCode()).isEqualTo(303);
      // the link still works after the refused post
      assertThat(setPassword(b, token, NEW, NEW).statusCode()).isEqualTo(303);
    }
  }

  @Test
  void anAddressCanBeAskedForThreeTimesAnHourKnownOrNot() {
    try (AccountHarness site = site()) {
      for (String email : new String[] {KNOWN, "nobody@example.org"}) {
        AccountHarness.Browser b = site.browser();
        for (int i = 0; i < PasswordResetRoutes.REQUESTS_PER_ADDRESS_PER_HOUR; i++) {
          assertThat(forgot(b, i == 1 ? email.toUpperCase() : email).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = forgot(b, email);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Too many requests for a new password for this"
            + " address");
      }
      assertThat(site.library.resets.mails).hasSize(3);
      // another address from the same network is still fine (its client limit is not spent)
      assertThat(forgot(site.browser(), "third@example.org").statusCode()).isEqualTo(200);
      site.clock.advance(Duration.ofMinutes(21)); // a third of an hour gives one back
      assertThat(forgot(site.browser(), KNOWN).statusCode()).isEqualTo(200);
      assertThat(site.library.resets.mails).hasSize(4);
    }
  }

  @Test
  void aClientCanAskTenTimesAnHour() {
    try (AccountHarness site = site()) {
      AccountHarness.Browser b = site.browser();
      for (int i = 0; i < PasswordResetRoutes.REQUESTS_PER_CLIENT_PER_HOUR; i++) {
        assertThat(forgot(b, "reader" + i + "@example.org").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = forgot(b, KNOWN);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.body()).contains("from your network");
      assertThat(site.library.resets.mails).isEmpty();
    }
  }

  @Test
  void withoutMailThePageSendsReadersToTheOperator() {
    try (AccountHarness site = site()) {
      site.library.resets.mailEnabled = false;
      AccountHarness.Browser b = site.browser();
      HttpResponse<String> page = b.get("/account/forgot");
      assertThat(page.statusCode()).isEqualTo(200);
      Document doc = Jsoup.parse(page.body());
      assertThat(doc.select("main").text()).contains("This site cannot send mail")
          .contains("Ask the site's operator");
      assertThat(doc.select("main input[name=email]")).isEmpty();
      assertThat(forgot(b, KNOWN).statusCode()).isEqualTo(503);
      assertThat(site.library.resets.requested).isEmpty();
    }
  }

  @Test
  void aLinkSetsTheNewPasswordOnceAndSignsEveryOtherSessionOut() {
    try (AccountHarness site = site()) {
      AccountHarness.Browser before = site.browser();
      assertThat(before.signIn(KNOWN, OLD).statusCode()).isEqualTo(303);
      assertThat(before.signedIn()).isTrue();

      forgot(site.browser(), KNOWN);
      String token = site.library.resets.mails.get(0).token();
      AccountHarness.Browser b = site.browser();
      HttpResponse<String> page = b.get("/account/reset?token=" + token);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("private, no-store");
      Document form = Jsoup.parse(page.body());
      assertThat(form.select("main").text()).contains(KNOWN);
      assertThat(form.select("form[action=/account/reset] input[name=token]").attr("value"))
          .isEqualTo(token);

      HttpResponse<String> differ = setPassword(b, token, NEW, NEW + "!");
      assertThat(differ.statusCode()).isEqualTo(400);
      assertThat(differ.body()).contains("The two passwords differ.");
      assertThat(setPassword(b, token, "short", "short").statusCode()).isEqualTo(400);

      HttpResponse<String> done = setPassword(b, token, NEW, NEW);
      assertThat(done.statusCode()).isEqualTo(303);
      assertThat(done.headers().firstValue("Location")).hasValue("/account?reset=1");
      assertThat(done.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(b.get("/account?reset=1").body()).contains("Your new password is set");
      assertThat(before.signedIn()).isFalse();
      assertThat(site.browser().signIn(KNOWN, OLD).statusCode()).isEqualTo(400);
      assertThat(site.browser().signIn(KNOWN, NEW).statusCode()).isEqualTo(303);

      // the same link again: no form, and no second reset
      HttpResponse<String> again = b.get("/account/reset?token=" + token);
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(again.body()).contains("This link was used already");
      assertThat(Jsoup.parse(again.body()).select("input[name=password]")).isEmpty();
      HttpResponse<String> replay = b.post("/account/reset", Map.of("token", token,
          "password", "yet another password", "confirm", "yet another password",
          "_csrf", b.csrf("/account/forgot")));
      assertThat(replay.statusCode()).isEqualTo(400);
      assertThat(site.browser().signIn(KNOWN, NEW).statusCode()).isEqualTo(303);
    }
  }

  @Test
  void expiredTamperedForeignAndMissingLinksShowNoForm() {
    try (AccountHarness site = site()) {
      String token = site.library.resets.tokenFor(KNOWN);
      byte[] raw = Base64.getUrlDecoder().decode(token);
      raw[raw.length - 1] ^= 1;
      String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Map<String, String> cases = Map.of(
          tampered, "not made by this site or was changed",
          site.library.resets.confirmTokenFor(KNOWN), "for something else",
          "", "has no token",
          "x".repeat(500), "is not valid");
      AccountHarness.Browser b = site.browser();
      for (Map.Entry<String, String> c : cases.entrySet()) {
        HttpResponse<String> r = b.get("/account/reset?token=" + c.getKey());
        assertThat(r.statusCode()).as(c.getValue()).isEqualTo(400);
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        Document doc = Jsoup.parse(r.body());
        assertThat(doc.select("main").text()).contains(c.getValue());
        assertThat(doc.select("input[name=password]")).isEmpty();
        assertThat(doc.select("main a[href=/account/forgot]")).hasSize(1);
        assertThat(b.submit("/account/forgot", "/account/reset", Map.of("token", c.getKey(),
            "password", NEW, "confirm", NEW)).statusCode()).isEqualTo(400);
      }
      site.clock.advance(Duration.ofMinutes(61));
      HttpResponse<String> expired = b.get("/account/reset?token=" + token);
      assertThat(expired.statusCode()).isEqualTo(400);
      assertThat(expired.body()).contains("This link has expired");
      assertThat(setPassword(b, token, NEW, NEW).statusCode()).isEqualTo(400);
      assertThat(site.browser().signIn(KNOWN, OLD).statusCode()).isEqualTo(303);
    }
  }

  @Test
  void thePagesAreValidHtml() throws Exception {
    try (AccountHarness site = site()) {
      AccountHarness.Browser b = site.browser();
      String token = site.library.resets.tokenFor(KNOWN);
      assertValid(b.get("/signin"));
      assertValid(b.get("/account/forgot"));
      assertValid(forgot(b, "not an address"));
      assertValid(forgot(b, KNOWN));
      assertValid(b.get("/account/reset?token=" + token));
      assertValid(setPassword(b, token, NEW, "different"));
      assertValid(b.get("/account/reset?token=nonsense"));
      site.library.resets.mailEnabled = false;
      assertValid(b.get("/account/forgot"));
      b.signIn(KNOWN, OLD);
      assertValid(b.get("/account?reset=1"));
    }
  }

  private static void assertValid(HttpResponse<String> r) throws Exception {
    EmbeddedValidator v = new EmbeddedValidator();
    v.setOutputFormat(EmbeddedValidator.OutputFormat.GNU);
    v.setNoLangDetect(true);
    assertThat(v.validate(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8))))
        .as("%s %s (%s)", r.request().method(), r.uri().getPath(), r.statusCode()).isEmpty();
  }
}
