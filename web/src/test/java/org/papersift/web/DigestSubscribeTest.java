package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;

/** The subscribe form: defaults, what it sends to the app, bad input, CSRF and flood limits. */
class DigestSubscribeTest {
  private AccountHarness site = new AccountHarness();

  @AfterEach
  void stop() {
    site.close();
  }

  private TestSubscriptions subs() {
    return site.library.subscriptions;
  }

  private static Map<String, String> form(String email, String cadence, String time, String zone,
      String detected) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("email", email);
    f.put("cadence", cadence);
    f.put("time", time);
    f.put("zone", zone);
    f.put("detected_zone", detected);
    return f;
  }

  private static String alert(HttpResponse<String> r) {
    return Jsoup.parse(r.body()).select("main [role=alert]").text();
  }

  @Test
  void theFormWorksWithoutJavaScriptAndHasDefaults() {
    Document page = Jsoup.parse(site.browser().get("/subscribe").body());
    assertThat(page.select("footer a[href=/subscribe]")).isNotEmpty();
    var form = page.selectFirst("main form[action=/subscribe]");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.selectFirst("input[name=email]").val()).isEmpty();
    assertThat(form.select("input[name=cadence][checked]").eachAttr("value"))
        .containsExactly("daily");
    assertThat(form.selectFirst("input[name=time]").val()).isEqualTo("08:00");
    // The zone: "this browser's" (empty value) unless the reader picks one; a hidden field
    // that site.js fills says which, and without it the server takes UTC.
    assertThat(form.select("select[name=zone] option[selected]")).singleElement()
        .satisfies(o -> assertThat(o.val()).isEmpty());
    assertThat(form.select("input[type=hidden][name=detected_zone]")).hasSize(1);
    var options = form.select("select[name=zone] option").eachAttr("value");
    assertThat(options.subList(0, 3)).containsExactly("", "UTC", "America/Los_Angeles");
    assertThat(options).contains("Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland")
        .doesNotContain("US/Pacific", "SystemV/EST5");
    var all = form.select("optgroup[label=All time zones] option").eachAttr("value");
    assertThat(all.subList(1, all.size())).isSorted();
    assertThat(site.browser().get("/static/site.js").body())
        .contains("Intl.DateTimeFormat().resolvedOptions().timeZone", "data-detected-zone");
  }

  @Test
  void anonymousSubscribersGetCheckYourInbox() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> r = b.submit("/subscribe", "/subscribe",
        form(" reader@example.org ", "daily", "08:00", "", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    Document page = Jsoup.parse(r.body());
    assertThat(page.selectFirst("h1").text()).isEqualTo("Check your inbox to confirm");
    assertThat(page.select("main").text()).contains("reader@example.org");
    assertThat(subs().subscribeCalls).singleElement().isEqualTo(new TestSubscriptions.Subscribe(
        "reader@example.org", null,
        new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("UTC"))));
  }

  @Test
  void theScheduleIsReadAsTheReaderChoseIt() {
    AccountHarness.Browser b = site.browser();
    // JavaScript found the browser's zone; the select was left on "this browser's".
    b.submit("/subscribe", "/subscribe", form("a@example.org", "weekly", "18:30", "",
        "Europe/Berlin"));
    // A zone picked in the select wins over the detected one; seconds are dropped.
    b.submit("/subscribe", "/subscribe", form("b@example.org", "daily", "07:15:00",
        "Asia/Tokyo", "Europe/Berlin"));
    // A detected zone the server does not know falls back to UTC.
    b.submit("/subscribe", "/subscribe", form("c@example.org", "daily", "6:05", "",
        "Nowhere/Special"));
    assertThat(subs().subscribeCalls).extracting(TestSubscriptions.Subscribe::schedule)
        .containsExactly(
            new DigestSchedule(Cadence.WEEKLY, LocalTime.of(18, 30), ZoneId.of("Europe/Berlin")),
            new DigestSchedule(Cadence.DAILY, LocalTime.of(7, 15), ZoneId.of("Asia/Tokyo")),
            new DigestSchedule(Cadence.DAILY, LocalTime.of(6, 5), ZoneId.of("UTC")));
  }

  @Test
  void signedInReadersSubscribeWithTheirAccount() {
    var user = site.user("reader@example.org", "the right password");
    AccountHarness.Browser b = site.browser();
    b.signIn("reader@example.org", "the right password");
    Document page = Jsoup.parse(b.get("/subscribe").body());
    assertThat(page.selectFirst("input[name=email]").val()).isEqualTo("reader@example.org");
    assertThat(page.select("main a[href=/account/digest]")).isNotEmpty();
    HttpResponse<String> r = b.submit("/subscribe", "/subscribe",
        form("reader@example.org", "daily", "09:00", "Europe/Paris", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(subs().subscribeCalls).singleElement()
        .satisfies(c -> assertThat(c.userId()).isEqualTo(user.id()));

    // Another address typed by the same reader does not carry the account: whoever confirms it
    // gets the anonymous (trending) digest, never this reader's alerts and picks.
    r = b.submit("/subscribe", "/subscribe",
        form("Someone.Else@example.org", "daily", "09:00", "Europe/Paris", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(subs().subscribeCalls).hasSize(2);
    assertThat(subs().subscribeCalls.get(1).userId()).isNull();
  }

  @Test
  void badInputIsRefusedWithTheFormAndTheReason() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> r = b.submit("/subscribe", "/subscribe",
        form("not-an-address", "weekly", "21:45", "Europe/Berlin", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("name@example.org");
    Document page = Jsoup.parse(r.body());
    // The form comes back as it was filled in.
    assertThat(page.selectFirst("input[name=email]").val()).isEqualTo("not-an-address");
    assertThat(page.select("input[name=cadence][checked]").eachAttr("value"))
        .containsExactly("weekly");
    assertThat(page.selectFirst("input[name=time]").val()).isEqualTo("21:45");
    assertThat(page.select("select[name=zone] option[selected]").eachAttr("value"))
        .containsExactly("Europe/Berlin");

    r = b.submit("/subscribe", "/subscribe", form("a@example.org", "monthly", "08:00", "", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("daily or weekly");

    r = b.submit("/subscribe", "/subscribe", form("a@example.org", "daily", "25:00", "", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("08:00");
    assertThat(Jsoup.parse(r.body()).selectFirst("input[name=time]").val())
        .as("not a time: not shown again").isEmpty();

    r = b.submit("/subscribe", "/subscribe", form("a@example.org", "daily", "08:00",
        "Mars/Olympus_Mons", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("time zone");
    assertThat(r.body()).doesNotContain("Mars/Olympus");

    Map<String, String> missing = new LinkedHashMap<>();
    missing.put("email", "a@example.org");
    r = b.submit("/subscribe", "/subscribe", missing);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(subs().subscribeCalls).isEmpty();

    // What the app refuses comes back the same way.
    subs().refuseSubscribe = "This address cannot get mail from us.";
    r = b.submit("/subscribe", "/subscribe", form("a@example.org", "daily", "08:00", "", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).isEqualTo("This address cannot get mail from us.");
  }

  @Test
  void internationalizedAddressesAreTakenAndMarkupIsEscaped() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> r = b.submit("/subscribe", "/subscribe",
        form("josé@bücher.example", "daily", "08:00", "", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(subs().subscribed).containsExactly("josé@bücher.example");

    r = b.submit("/subscribe", "/subscribe",
        form("\"><script>alert(1)</script>@example.org", "daily", "08:00", "", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("<script>alert(1)");
    assertThat(Jsoup.parse(r.body()).selectFirst("input[name=email]").val())
        .isEqualTo("\"><script>alert(1)</script>@example.org");
  }

  @Test
  void theFormNeedsItsCsrfToken() {
    AccountHarness.Browser b = site.browser();
    b.get("/subscribe");
    HttpResponse<String> r = b.post("/subscribe", form("a@example.org", "daily", "08:00", "",
        ""));
    assertThat(r.statusCode()).isEqualTo(403);
    r = b.post("/subscribe", Map.of("_csrf", site.browser().csrf("/subscribe"), "email",
        "a@example.org", "cadence", "daily", "time", "08:00"));
    assertThat(r.statusCode()).as("another browser's token").isEqualTo(403);
    assertThat(subs().subscribeCalls).isEmpty();
  }

  @Test
  void tenSubscriptionsAnHourPerNetwork() {
    site.close();
    site = new AccountHarness(AccountLimits.DEFAULTS.withTrustForwardedFor(true), false);
    AccountHarness.Browser b = site.browser();
    String csrf = b.csrf("/subscribe");
    // Refused input does not count.
    for (int i = 0; i < 5; i++) {
      Map<String, String> bad = form("bad" + i, "daily", "08:00", "", "");
      bad.put("_csrf", csrf);
      assertThat(b.post("/subscribe", bad, "X-Forwarded-For", "203.0.113.7").statusCode())
          .isEqualTo(400);
    }
    for (int i = 0; i < 10; i++) {
      Map<String, String> f = form("r" + i + "@example.org", "daily", "08:00", "", "");
      f.put("_csrf", csrf);
      assertThat(b.post("/subscribe", f, "X-Forwarded-For", "203.0.113.7").statusCode())
          .isEqualTo(200);
    }
    Map<String, String> f = form("r10@example.org", "daily", "08:00", "", "");
    f.put("_csrf", csrf);
    HttpResponse<String> r = b.post("/subscribe", f, "X-Forwarded-For", "203.0.113.7");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(alert(r)).contains("Too many");
    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
        s -> assertThat(Integer.parseInt(s)).isBetween(1, 3600));
    assertThat(subs().subscribed).hasSize(10).doesNotContain("r10@example.org");
    // Another network is not held up...
    assertThat(b.post("/subscribe", f, "X-Forwarded-For", "198.51.100.1").statusCode())
        .isEqualTo(200);
    // ...and the limit refills.
    site.clock.advance(Duration.ofMinutes(7));
    f.put("email", "r11@example.org");
    assertThat(b.post("/subscribe", f, "X-Forwarded-For", "203.0.113.7").statusCode())
        .isEqualTo(200);
  }

  @Test
  void pagesSayWhenNoMailGoesOutYet() {
    subs().mailEnabled = false;
    AccountHarness.Browser b = site.browser();
    assertThat(Jsoup.parse(b.get("/subscribe").body()).select("main .notice").text())
        .contains("does not send mail yet");
    HttpResponse<String> r = b.submit("/subscribe", "/subscribe",
        form("a@example.org", "daily", "08:00", "", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(r.body()).select("main .notice").text())
        .contains("does not send mail yet");
  }

  @Test
  void trendingAndTheFooterLinkToSubscribe() {
    Document trending = Jsoup.parse(site.browser().get("/trending").body());
    assertThat(trending.select("main a[href=/subscribe]").text())
        .isEqualTo("Get trending papers in your inbox");
    assertThat(Jsoup.parse(site.browser().get("/").body()).select("footer a[href=/subscribe]"))
        .hasSize(1);
  }
}
