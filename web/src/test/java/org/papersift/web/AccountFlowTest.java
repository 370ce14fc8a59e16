package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.account.Credentials;

/** Sign-up, sign-in, sign-out, sessions and the password change, through HTTP. */
class AccountFlowTest {
  private final AccountHarness site = new AccountHarness();

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void signUpSignsInAndSignOutSignsOut() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> r = b.submit("/signup?return=/library", "/signup", Map.of(
        "email", "Ada@Example.org", "password", "a long password", "confirm", "a long password",
        "return", "/library"));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/library");
    String setCookie = r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("psid=")).findFirst().orElseThrow();
    assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
        .contains("Path=/").doesNotContainIgnoringCase("Secure");
    String token = b.cookie("psid").orElseThrow();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    // The store knows the session by the token's hash only.
    assertThat(site.library.users().sessionUser(token, site.clock.instant())).isEmpty();
    assertThat(site.library.users().sessionUser(Sessions.hash(token), site.clock.instant()))
        .isPresent();
    Credentials stored = site.library.users().credentials("ada@example.org").orElseThrow();
    assertThat(stored.user().email()).isEqualTo("Ada@Example.org");
    assertThat(stored.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

    HttpResponse<String> account = b.get("/account");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(account.body()).select("main strong").text())
        .isEqualTo("Ada@Example.org");
    assertThat(account.headers().firstValue("Cache-Control")).hasValue("private, no-store");

    HttpResponse<String> out = b.submit("/account", "/signout", Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/");
    assertThat(site.library.users().sessionUser(Sessions.hash(token), site.clock.instant()))
        .as("the session is gone from the store, not just the browser").isEmpty();
    HttpResponse<String> after = b.get("/account");
    assertThat(after.statusCode()).isEqualTo(303);
    assertThat(after.headers().firstValue("Location")).hasValue("/signin?return=%2Faccount");
  }

  @Test
  void signUpRefusesBadInputAndKeepsTheEmail() {
    AccountHarness.Browser b = site.browser();
    assertSignUpRefused(b, "not-an-email", "a long password", "a long password",
        "looks like name@example.org");
    assertSignUpRefused(b, "ada@localhost", "a long password", "a long password",
        "not a domain name");
    assertSignUpRefused(b, "a".repeat(250) + "@x.org", "a long password", "a long password",
        "at most 254");
    assertSignUpRefused(b, "ada@example.org", "short", "short", "8 to 1,024");
    assertSignUpRefused(b, "ada@example.org", "a long password", "another password",
        "passwords differ");
    assertThat(site.library.users().credentials("ada@example.org")).isEmpty();

    HttpResponse<String> idn = b.submit("/signup", "/signup", Map.of("email",
        "jörg.müller@bücher.example", "password", "ein langes Passwort", "confirm",
        "ein langes Passwort"));
    assertThat(idn.statusCode()).as("internationalized addresses are welcome").isEqualTo(303);
    assertThat(site.library.users().credentials("JÖRG.MÜLLER@bücher.example")).isPresent();
  }

  private void assertSignUpRefused(AccountHarness.Browser b, String email, String password,
      String confirm, String message) {
    HttpResponse<String> r = b.submit("/signup", "/signup",
        Map.of("email", email, "password", password, "confirm", confirm));
    assertThat(r.statusCode()).isEqualTo(400);
    Document page = Jsoup.parse(r.body());
    assertThat(page.select(".form-error").text()).contains(message);
    assertThat(page.select("main input[name=email]").attr("value")).isEqualTo(email);
    // main: the site header has forms of its own (search, sign-out).
    assertThat(page.select("main form").attr("action")).isEqualTo("/signup");
  }

  @Test
  void wrongPasswordAndUnknownEmailAnswerAlike() {
    site.user("known@example.org", "the right password");
    AccountHarness.Browser b = site.browser();
    String csrf = b.csrf("/signin");

    long[] known = new long[3];
    long[] unknown = new long[3];
    HttpResponse<String> wrong = null;
    HttpResponse<String> nobody = null;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      wrong = b.post("/signin", Map.of("_csrf", csrf, "email", "known@example.org",
          "password", "a wrong password"));
      long t1 = System.nanoTime();
      nobody = b.post("/signin", Map.of("_csrf", csrf, "email", "nobody@example.org",
          "password", "a wrong password"));
      long t2 = System.nanoTime();
      known[i] = t1 - t0;
      unknown[i] = t2 - t1;
    }
    assertThat(nobody.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(400);
    assertThat(nobody.body().replace("nobody@example.org", "EMAIL"))
        .isEqualTo(wrong.body().replace("known@example.org", "EMAIL"));
    assertThat(nobody.headers().map().keySet()).isEqualTo(wrong.headers().map().keySet());
    assertThat(Jsoup.parse(wrong.body()).select(".form-error").text())
        .isEqualTo(AccountRoutes.WRONG_CREDENTIALS);
    assertThat(b.cookie("psid")).isEmpty();
    // Both hash a password (the unknown email a dummy one): comparable times, not a fast "no".
    java.util.Arrays.sort(known);
    java.util.Arrays.sort(unknown);
    assertThat(unknown[1]).as("median time, unknown email vs wrong password (ns)")
        .isGreaterThan(known[1] / 3);
  }

  @Test
  void signUpWithATakenEmailSignsInOrFailsLikeASignIn() {
    site.user("taken@example.org", "the right password");
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> wrong = b.submit("/signup", "/signup", Map.of("email",
        "TAKEN@example.org", "password", "not the password", "confirm", "not the password"));
    HttpResponse<String> failedSignIn = b.signIn("TAKEN@example.org", "not the password");
    assertThat(wrong.statusCode()).isEqualTo(failedSignIn.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).isEqualTo(failedSignIn.body());
    assertThat(Jsoup.parse(wrong.body()).select("main form").attr("action"))
        .isEqualTo("/signin");
    assertThat(b.signedIn()).isFalse();

    HttpResponse<String> right = b.submit("/signup", "/signup", Map.of("email",
        "taken@example.org", "password", "the right password", "confirm",
        "the right password"));
    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(b.signedIn()).isTrue();
    assertThat(site.library.users().credentials("taken@example.org").orElseThrow()
        .passwordHash()).as("the password was not replaced")
        .satisfies(h -> assertThat(AccountHarness.HASHER.verify("the right password", h))
            .isTrue());
  }

  @Test
  void expiredSessionIsAnonymousAndPagesAskToSignIn() {
    site.user("reader@example.org", "the right password");
    AccountHarness.Browser b = site.browser();
    assertThat(b.signIn("reader@example.org", "the right password").statusCode()).isEqualTo(303);
    assertThat(b.signedIn()).isTrue();

    site.clock.advance(Duration.ofDays(30).plusSeconds(1));
    HttpResponse<String> page = b.get("/library?page=2");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location"))
        .hasValue("/signin?return=%2Flibrary%3Fpage%3D2");
    assertThat(page.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("psid=;")
            .containsAnyOf("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
    assertThat(b.cookie("psid")).isEmpty();
    assertThat(b.get("/library.bib").statusCode()).isEqualTo(303);
  }

  @Test
  void signInRotatesTheSessionAndFollowsOnlyLocalReturns() {
    site.user("reader@example.org", "the right password");
    AccountHarness.Browser fixed = site.browser();
    String planted = Sessions.newToken(); // a token someone fixed in the browser beforehand
    fixed.setCookie("psid", planted);
    HttpResponse<String> r = fixed.submit("/signin?return=/library", "/signin", Map.of(
        "email", "reader@example.org", "password", "the right password", "return", "/library"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/library");
    assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .matches("psid=[A-Za-z0-9_-]{43};.*").doesNotContain(planted));
    assertThat(site.library.users().sessionUser(Sessions.hash(planted), site.clock.instant()))
        .isEmpty();

    AccountHarness.Browser b = site.browser();
    b.signIn("reader@example.org", "the right password");
    String first = b.cookie("psid").orElseThrow();
    // Signing in again while signed in ends the old session.
    assertThat(b.post("/signin", Map.of("_csrf", b.csrf("/account"), "email",
        "reader@example.org", "password", "the right password")).statusCode()).isEqualTo(303);
    String second = b.cookie("psid").orElseThrow();
    assertThat(second).isNotEqualTo(first);
    assertThat(site.library.users().sessionUser(Sessions.hash(first), site.clock.instant()))
        .isEmpty();

    for (String evil : new String[] {"https://evil.example/", "//evil.example/x",
        "/\\evil.example", "/\t/evil.example", "evil", "javascript:alert(1)"}) {
      HttpResponse<String> s = b.post("/signin", Map.of("_csrf", b.csrf("/account"), "email",
          "reader@example.org", "password", "the right password", "return", evil));
      assertThat(s.headers().firstValue("Location")).as(evil).hasValue("/");
    }
  }

  @Test
  void passwordChangeSignsOutOtherSessions() {
    site.user("reader@example.org", "the old password");
    AccountHarness.Browser laptop = site.browser();
    AccountHarness.Browser phone = site.browser();
    laptop.signIn("reader@example.org", "the old password");
    phone.signIn("reader@example.org", "the old password");
    assertThat(phone.signedIn()).isTrue();

    HttpResponse<String> wrong = laptop.submit("/account", "/account/password", Map.of(
        "current", "not the old password", "password", "the new password", "confirm",
        "the new password"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(wrong.body()).select(".form-error").text())
        .contains("current password is wrong");
    assertThat(phone.signedIn()).isTrue();

    HttpResponse<String> ok = laptop.submit("/account", "/account/password", Map.of(
        "current", "the old password", "password", "the new password", "confirm",
        "the new password"));
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/account?changed=1");
    assertThat(Jsoup.parse(laptop.get("/account?changed=1").body()).select(".notice").text())
        .contains("password was changed");
    assertThat(laptop.signedIn()).as("this session stays").isTrue();
    assertThat(phone.signedIn()).as("other sessions end").isFalse();

    AccountHarness.Browser other = site.browser();
    assertThat(other.signIn("reader@example.org", "the old password").statusCode())
        .isEqualTo(400);
    assertThat(other.signIn("reader@example.org", "the new password").statusCode())
        .isEqualTo(303);
  }

  @Test
  void signedInVisitorsSkipTheForms() {
    site.user("reader@example.org", "the right password");
    AccountHarness.Browser b = site.browser();
    b.signIn("reader@example.org", "the right password");
    HttpResponse<String> r = b.get("/signin?return=/library");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/library");
  }
}
