package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.papersift.core.account.User;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.SubscriberStatus;

/**
 * Every digest page, in each of its states, is valid HTML by the Nu validator and keeps the
 * site's rules (one h1, labels, no inline script or style, CSRF on every post form).
 */
class DigestHtmlTest {
  private static final String XSS = PageFixture.XSS;

  private static void assertValid(HttpResponse<String> r) throws Exception {
    String what = r.request().method() + " " + r.uri() + " (" + r.statusCode() + ")";
    assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/html"));
    assertThat(PageHtmlTest.validate(r.body())).as(what).isEmpty();
    PageHtmlTest.assertPageBasics(Jsoup.parse(r.body()), what);
  }

  private static Map<String, String> subscribe(String email, String time) {
    return Map.of("email", email, "cadence", "daily", "time", time, "zone", "", "detected_zone",
        "");
  }

  @Test
  void anonymousPagesAreValid() throws Exception {
    try (AccountHarness site = new AccountHarness()) {
      AccountHarness.Browser b = site.browser();
      List<HttpResponse<String>> pages = new ArrayList<>(List.of(
          b.get("/subscribe"),
          b.submit("/subscribe", "/subscribe", subscribe("reader@example.org", "08:00")),
          b.submit("/subscribe", "/subscribe", subscribe(XSS + "@example.org", "25:99")),
          b.get("/subscribe/confirm?token=good"),
          b.get("/subscribe/confirm?token=expired"),
          b.get("/subscribe/confirm"),
          b.get("/unsubscribe?token=good"),
          b.get("/unsubscribe?token=" + "bad%3Cscript%3E"),
          b.submit("/subscribe", "/unsubscribe?token=good", Map.of()),
          b.submit("/subscribe", "/unsubscribe?token=nope", Map.of()),
          b.get("/trending"),
          b.get("/search?q=attention")));
      site.library.subscriptions.mailEnabled = false;
      pages.add(b.get("/subscribe"));
      pages.add(b.submit("/subscribe", "/subscribe", subscribe("a@example.org", "08:00")));
      assertThat(pages).extracting(HttpResponse::statusCode).contains(200, 400);
      for (HttpResponse<String> r : pages) {
        assertValid(r);
      }
    }
  }

  @Test
  void signedInPagesAreValid() throws Exception {
    try (AccountHarness site = new AccountHarness()) {
      TestSubscriptions subs = site.library.subscriptions;
      User reader = site.user("reader@example.org", "the right password");
      subs.admins.add("reader@example.org");
      AccountHarness.Browser b = site.browser();
      b.signIn("reader@example.org", "the right password");
      List<HttpResponse<String>> pages = new ArrayList<>();
      pages.add(b.get("/subscribe"));
      pages.add(b.get("/account/digest"));
      pages.add(b.get("/for-you"));
      pages.add(b.get("/search?q=attention&cat=cs.CL"));
      pages.add(b.get("/admin/digest"));

      subs.addAlert(reader.id(), XSS + " name", XSS + " query");
      subs.addBroken(reader.id(), "old", "title:(", XSS + " reason");
      subs.subscribe(reader, SubscriberStatus.UNSUBSCRIBED,
          new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("UTC")));
      pages.add(b.get("/account/digest"));
      subs.subscribe(reader, SubscriberStatus.PENDING, new DigestSchedule(Cadence.WEEKLY,
          LocalTime.of(6, 45), ZoneId.of("Asia/Kolkata")));
      pages.add(b.get("/account/digest?done=added"));
      // A zone that is in neither list (an alias) is listed on its own.
      subs.subscribe(reader, SubscriberStatus.ACTIVE, new DigestSchedule(Cadence.DAILY,
          LocalTime.of(23, 59), ZoneId.of("US/Pacific")));
      HttpResponse<String> active = b.get("/account/digest?done=schedule");
      assertThat(Jsoup.parse(active.body()).select("select[name=zone] option[selected]")
          .eachAttr("value")).containsExactly("US/Pacific");
      pages.add(active);
      pages.add(b.submit("/account/digest", "/account/digest",
          Map.of("cadence", "daily", "time", "x", "zone", "Nowhere")));
      pages.add(b.submit("/account/digest", "/alerts",
          Map.of("name", XSS, "query", "from:2025-13-01 " + XSS)));

      subs.forYou = new Subscriptions.ForYou(
          new ArrayList<>(List.of(AccountHarness.PAPER, AccountHarness.OTHER_PAPER)),
          new ArrayList<>(List.of(0.5, 0.4)), List.of(XSS + " note"));
      pages.add(b.get("/for-you"));

      subs.outbox = new OutboxCounts(1, 1, 0, 10, 1, 1, 0);
      subs.previews.put("reader@example.org", DigestAdminTest.PREVIEW);
      pages.add(b.get("/admin/digest?email=reader%40example.org"));
      pages.add(b.get("/admin/digest?email=nobody%40example.org"));
      assertThat(pages).extracting(HttpResponse::statusCode).contains(200, 400);
      for (HttpResponse<String> r : pages) {
        assertValid(r);
      }
    }
  }
}
