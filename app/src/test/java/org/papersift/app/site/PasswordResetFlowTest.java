package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestRound;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.site.SiteLibraryTest.MutableClock;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxEntry;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxStatus;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.MailSettings;
import org.papersift.web.WebServer;
import org.papersift.web.WebSettings;

/**
 * "Forgot your password?" end to end over a real data directory: the form, the mail through the
 * outbox to an SMTP server (GreenMail on 127.0.0.1), its link, the new password, every session
 * signed out, and the link refused the second time; expired and foreign links; no mail, no form.
 */
class PasswordResetFlowTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final String SITE = "https://papers.example.org/";
  static final String EMAIL = "reader@example.org";
  static final String OLD = "the old password";
  static final String NEW = "a brand new password";
  static final Pattern RESET_LINK =
      Pattern.compile(Pattern.quote(SITE) + "account/reset\\?token=([A-Za-z0-9_-]{56})");
  static final Pattern CONFIRM_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{46})");

  @TempDir Path dir;
  GreenMail greenMail;
  Papersift app;
  MutableClock clock;
  SiteSubscriptions subscriptions;
  SitePasswordResets resets;
  WebServer web;
  String base;

  @BeforeEach
  void start() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    greenMail.start();
    MailSettings smtp = new MailSettings("127.0.0.1", greenMail.getSmtp().getPort(),
        MailSettings.Security.NONE, null, null, Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5), "papersift <digest@papers.example.org>", null);
    app = Papersift.open(new DataDir(dir));
    clock = new MutableClock(T0);
    DigestSettings settings = new DigestSettings(URI.create(SITE), smtp.from(),
        Optional.of(smtp), 100);
    subscriptions = SiteSubscriptions.open(app, settings, clock);
    resets = SitePasswordResets.open(app, settings, clock);
    // as serve does: a planned reset mail is sent at once, by the rounds' sender
    DigestRound round = new DigestRound(app, subscriptions.planner(), clock);
    resets.onPlanned(() -> round.send(smtp));
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    web = new WebServer(new SiteLibrary(app, clock, subscriptions, resets),
        new WebSettings(secret, false, Duration.ofDays(30), clock)).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + web.port();
  }

  @AfterEach
  void stop() {
    web.close();
    resets.close();
    app.close();
    greenMail.stop();
  }

  /** The tokens of the reset links mailed so far, in order (other mails left out). */
  private java.util.List<String> mailedTokens() throws Exception {
    java.util.List<String> tokens = new java.util.ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      if (!m.getSubject().equals("Choose a new papersift password")) {
        continue;
      }
      String text = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
      Matcher t = RESET_LINK.matcher(text);
      assertThat(t.find()).as(text).isTrue();
      tokens.add(t.group(1));
    }
    return tokens;
  }

  private HttpResponse<String> forgot(Browser b, String email) throws Exception {
    HttpResponse<String> r = b.submit("/account/forgot", "/account/forgot",
        Map.of("email", email));
    assertThat(resets.awaitQueued(Duration.ofSeconds(30))).isTrue();
    return r;
  }

  @Test
  void aForgottenPasswordIsReplacedThroughTheMailedLinkOnce() throws Exception {
    Browser before = new Browser();
    assertThat(before.submit("/signup", "/signup", Map.of("email", EMAIL, "password", OLD,
        "confirm", OLD)).statusCode()).isEqualTo(303);
    assertThat(before.signedIn()).isTrue();

    Browser b = new Browser();
    HttpResponse<String> known = forgot(b, "Reader@Example.org");
    HttpResponse<String> unknown = forgot(b, "nobody@example.org");
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(known.body()).isEqualTo(unknown.body())
        .contains("If an account exists for that address, a link to choose a new password is"
            + " on its way; it works for one hour.");

    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertThat(greenMail.getReceivedMessages()).hasSize(1); // none for the unknown address
    assertThat(mail.getSubject()).isEqualTo("Choose a new papersift password");
    assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(EMAIL);
    assertThat(mail.getHeader("List-Unsubscribe")).isNull();
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    String token = mailedTokens().get(0);
    assertThat(html).contains("href=\"" + SITE + "account/reset?token=" + token + "\"")
        .contains("<strong>" + EMAIL + "</strong>");
    OutboxEntry row = app.outbox().entries(OutboxStatus.SENT, 10).get(0);
    assertThat(row.key().kind()).isEqualTo(OutboxKey.PASSWORD_RESET);

    // follow the link: a form, then the new password
    HttpResponse<String> page = b.get("/account/reset?token=" + token);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(Jsoup.parse(page.body()).select("input[name=password]")).hasSize(1);
    HttpResponse<String> done = b.submit("/account/reset?token=" + token, "/account/reset",
        Map.of("token", token, "password", NEW, "confirm", NEW));
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location")).hasValue("/account?reset=1");
    assertThat(b.signedIn()).isTrue();
    assertThat(before.signedIn()).isFalse();
    assertThat(new Browser().signIn(EMAIL, OLD).statusCode()).isEqualTo(400);
    assertThat(new Browser().signIn(EMAIL, NEW).statusCode()).isEqualTo(303);

    // the same link a second time
    HttpResponse<String> again = new Browser().get("/account/reset?token=" + token);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("This link was used already");
    assertThat(Jsoup.parse(again.body()).select("input[name=password]")).isEmpty();
  }

  @Test
  void aLinkExpiresAfterAnHourAndAnOlderOneDiesWithTheNewPassword() throws Exception {
    new Browser().submit("/signup", "/signup", Map.of("email", EMAIL, "password", OLD,
        "confirm", OLD));
    Browser b = new Browser();
    forgot(b, EMAIL);
    clock.advance(Duration.ofMinutes(30));
    forgot(b, EMAIL);
    assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    String first = mailedTokens().get(0);
    String second = mailedTokens().get(1);

    clock.advance(Duration.ofMinutes(31)); // the first is 61 minutes old, the second 31
    HttpResponse<String> expired = b.get("/account/reset?token=" + first);
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(expired.body()).contains("This link has expired");
    assertThat(b.get("/account/reset?token=" + second).statusCode()).isEqualTo(200);

    // a third link, then the second one is used: the third one is spent too
    forgot(b, EMAIL);
    assertThat(greenMail.waitForIncomingEmail(10_000, 3)).isTrue();
    String third = mailedTokens().get(2);
    assertThat(b.submit("/account/reset?token=" + second, "/account/reset",
        Map.of("token", second, "password", NEW, "confirm", NEW)).statusCode()).isEqualTo(303);
    assertThat(new Browser().get("/account/reset?token=" + third).statusCode()).isEqualTo(400);
  }

  @Test
  void aConfirmLinkIsNoResetLinkAndTheOtherWayRound() throws Exception {
    new Browser().submit("/signup", "/signup", Map.of("email", EMAIL, "password", OLD,
        "confirm", OLD));
    subscriptions.subscribe(EMAIL, null, new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0),
        ZoneId.of("UTC")));
    OutboxEntry confirm = app.outbox().entries(OutboxStatus.PLANNED, 10).stream()
        .filter(e -> e.key().kind().equals("confirm")).findFirst().orElseThrow();
    MimeMessage m = DigestMessage.parse(app.outbox().eml(confirm.id()).orElseThrow());
    Matcher t = CONFIRM_TOKEN.matcher(
        (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent());
    assertThat(t.find()).isTrue();
    String confirmToken = t.group(1);

    Browser b = new Browser();
    HttpResponse<String> asReset = b.get("/account/reset?token=" + confirmToken);
    assertThat(asReset.statusCode()).isEqualTo(400);
    assertThat(asReset.body()).contains("This link is for something else");
    assertThat(b.submit("/signin", "/account/reset", Map.of("token", confirmToken,
        "password", NEW, "confirm", NEW)).statusCode()).isEqualTo(400);
    assertThat(new Browser().signIn(EMAIL, OLD).statusCode()).isEqualTo(303);

    forgot(b, EMAIL); // sends the outbox: the confirm mail too
    assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    String resetToken = mailedTokens().get(0);
    assertThat(b.get("/subscribe/confirm?token=" + resetToken).statusCode()).isEqualTo(400);
    assertThat(b.get("/unsubscribe?token=" + resetToken).statusCode()).isEqualTo(400);
    assertThat(b.get("/account/reset?token=" + resetToken).statusCode()).isEqualTo(200);
  }

  @Test
  void anAccountGetsAtMostThreeResetMailsAnHourWhateverTheClients() throws Exception {
    new Browser().submit("/signup", "/signup", Map.of("email", EMAIL, "password", OLD,
        "confirm", OLD));
    // straight to the app: the site's own limits are per process, the outbox's hold always
    for (int i = 0; i < 5; i++) {
      resets.request(EMAIL);
      clock.advance(Duration.ofSeconds(1));
      assertThat(resets.awaitQueued(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(greenMail.waitForIncomingEmail(10_000, 3)).isTrue();
    Thread.sleep(200);
    assertThat(greenMail.getReceivedMessages()).hasSize(SitePasswordResets
        .MAILS_PER_ACCOUNT_PER_HOUR);
  }

  @Test
  void withoutMailTheSiteSaysToAskTheOperatorAndPlansNothing() throws Exception {
    DigestSettings noMail = new DigestSettings(URI.create(SITE),
        "papersift <digest@papers.example.org>", Optional.empty(), 100);
    try (SitePasswordResets off = SitePasswordResets.open(app, noMail, clock);
         WebServer site = new WebServer(new SiteLibrary(app, clock, subscriptions, off),
             new WebSettings(new byte[32], false, Duration.ofDays(30), clock))
             .start("127.0.0.1", 0)) {
      String offBase = "http://127.0.0.1:" + site.port();
      Browser b = new Browser(offBase);
      HttpResponse<String> page = b.get("/account/forgot");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(Jsoup.parse(page.body()).select("main").text())
          .contains("This site cannot send mail").contains("Ask the site's operator");
      assertThat(Jsoup.parse(page.body()).select("main input[name=email]")).isEmpty();
      off.request(EMAIL);
      assertThat(off.awaitQueued(Duration.ofSeconds(30))).isTrue();
      assertThat(app.outbox().counts(clock.instant()).planned()).isZero();
    }
  }

  /** A browser: its own cookies, no redirects followed. */
  final class Browser {
    private final String origin;
    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();

    Browser() {
      this(base);
    }

    Browser(String origin) {
      this.origin = origin;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(origin + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code fields} with the CSRF token of the form on {@code formPage}. */
    HttpResponse<String> submit(String formPage, String action, Map<String, String> fields)
        throws IOException, InterruptedException {
      Element csrf = Jsoup.parse(get(formPage).body()).selectFirst("input[name=_csrf]");
      assertThat(csrf).as("a form on " + formPage).isNotNull();
      Map<String, String> form = new LinkedHashMap<>(fields);
      form.put("_csrf", csrf.attr("value"));
      String body = form.entrySet().stream()
          .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
              + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      return http.send(HttpRequest.newBuilder(URI.create(origin + action))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signIn(String email, String password)
        throws IOException, InterruptedException {
      return submit("/signin", "/signin", Map.of("email", email, "password", password));
    }

    boolean signedIn() throws IOException, InterruptedException {
      return get("/account").statusCode() == 200;
    }
  }
}
