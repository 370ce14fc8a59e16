package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.account.User;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.SubscriberStatus;

/** A reader's digest settings, alerts (also from the search page) and the For you page. */
class DigestAccountTest {
  static final DigestSchedule BERLIN =
      new DigestSchedule(Cadence.WEEKLY, LocalTime.of(7, 30), ZoneId.of("Europe/Berlin"));

  private final AccountHarness site = new AccountHarness();
  private final User reader = site.user("reader@example.org", "the right password");
  private final AccountHarness.Browser browser = site.browser();

  @AfterEach
  void stop() {
    site.close();
  }

  private TestSubscriptions subs() {
    return site.library.subscriptions;
  }

  private AccountHarness.Browser signedIn() {
    browser.signIn("reader@example.org", "the right password");
    return browser;
  }

  private static Document doc(HttpResponse<String> r) {
    return Jsoup.parse(r.body());
  }

  private static String alert(HttpResponse<String> r) {
    return doc(r).select("main [role=alert]").text();
  }

  @Test
  void anonymousVisitorsAreSentToSignIn() {
    AccountHarness.Browser b = site.browser();
    for (String path : List.of("/account/digest", "/for-you")) {
      HttpResponse<String> r = b.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(path)
          .hasValue(AccountRoutes.signInPath(path));
    }
    HttpResponse<String> r = b.submit("/subscribe", "/alerts",
        Map.of("name", "mine", "query", "attention"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/signin?return=%2Faccount%2Fdigest");
    r = b.submit("/subscribe", "/account/digest", Map.of("cadence", "daily", "time", "08:00"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(subs().alerts).isEmpty();
    assertThat(subs().scheduleChanges).isEmpty();
    Document home = doc(b.get("/"));
    assertThat(home.select("header a[href=/for-you]")).isEmpty();
  }

  @Test
  void withoutASubscriptionThePageOffersOne() {
    AccountHarness.Browser b = signedIn();
    Document page = doc(b.get("/account/digest"));
    assertThat(page.select("header a[href=/for-you]").text()).isEqualTo("For you");
    Element form = page.selectFirst("main form[action=/subscribe]");
    assertThat(form).isNotNull();
    assertThat(form.selectFirst("input[name=email]").val()).isEqualTo("reader@example.org");
    assertThat(page.select("main form[action=/account/digest]")).isEmpty();
    assertThat(page.select("main").text()).contains("You get no digest yet");
    assertThat(doc(b.get("/account")).select("main a[href=/account/digest]")).isNotEmpty();

    HttpResponse<String> r = b.submit("/account/digest", "/account/digest",
        Map.of("cadence", "daily", "time", "08:00", "zone", "UTC"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("subscribe first");
    assertThat(subs().scheduleChanges).isEmpty();

    subs().subscribe(reader, SubscriberStatus.UNSUBSCRIBED, BERLIN);
    page = doc(b.get("/account/digest"));
    assertThat(page.select("main").text()).contains("You unsubscribed on 2025-02-02");
    assertThat(page.select("main form[action=/subscribe]")).hasSize(1);
  }

  @Test
  void theScheduleIsShownAndChanged() {
    subs().subscribe(reader, SubscriberStatus.ACTIVE, BERLIN);
    AccountHarness.Browser b = signedIn();
    Document page = doc(b.get("/account/digest"));
    assertThat(page.select("main").text())
        .contains("Digests go to reader@example.org: Weekly (Mondays) at 07:30, Europe/Berlin"
            + " time.");
    Element form = page.selectFirst("main form[action=/account/digest]");
    assertThat(form.select("input[name=cadence][checked]").eachAttr("value"))
        .containsExactly("weekly");
    assertThat(form.selectFirst("input[name=time]").val()).isEqualTo("07:30");
    assertThat(form.select("select[name=zone] option[selected]").eachAttr("value"))
        .containsExactly("Europe/Berlin");
    assertThat(form.select("select[name=zone] option[value=]")).as("no automatic option")
        .isEmpty();
    assertThat(form.select("input[name=send_empty][checked]")).as("no empty digests").isEmpty();

    HttpResponse<String> r = b.submit("/account/digest", "/account/digest",
        Map.of("cadence", "daily", "time", "17:05", "zone", "America/New_York"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/account/digest?done=schedule");
    assertThat(subs().scheduleChanges).containsExactly(new DigestSchedule(Cadence.DAILY,
        LocalTime.of(17, 5), ZoneId.of("America/New_York")));
    page = doc(b.get("/account/digest?done=schedule"));
    assertThat(page.select("main .notice").text()).isEqualTo("Your digest schedule is saved.");
    assertThat(page.select("main").text()).contains("Daily (Monday to Friday) at 17:05,"
        + " America/New York time").doesNotContain("Also when nothing is new");

    // empty digests: asked for with the box, and shown ticked
    r = b.submit("/account/digest", "/account/digest", Map.of("cadence", "daily", "time",
        "17:05", "zone", "America/New_York", "send_empty", "yes"));
    assertThat(r.statusCode()).isEqualTo(303);
    page = doc(b.get("/account/digest"));
    assertThat(page.select("main").text()).contains("Also when nothing is new.");
    assertThat(page.select("main form[action=/account/digest] input[name=send_empty][checked]"))
        .hasSize(1);
    assertThat(subs().subscriptionOf(reader.id()).orElseThrow().sendEmpty()).isTrue();
    r = b.submit("/account/digest", "/account/digest", Map.of("cadence", "daily", "time",
        "17:05", "zone", "America/New_York"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(doc(b.get("/account/digest")).select("main").text())
        .doesNotContain("Also when nothing is new");
    assertThat(subs().scheduleChanges).hasSize(3);

    r = b.submit("/account/digest", "/account/digest",
        Map.of("cadence", "daily", "time", "noon", "zone", "America/New_York"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("08:00");
    assertThat(doc(r).select("main select[name=zone] option[selected]").eachAttr("value"))
        .containsExactly("America/New_York");
    assertThat(subs().scheduleChanges).hasSize(3);

    // Without the token, nothing changes.
    r = b.post("/account/digest", Map.of("cadence", "weekly", "time", "06:00", "zone", "UTC"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(subs().scheduleChanges).hasSize(3);
  }

  @Test
  void aPendingSubscriptionSaysToConfirm() {
    subs().subscribe(reader, SubscriberStatus.PENDING, BERLIN);
    Document page = doc(signedIn().get("/account/digest"));
    assertThat(page.select("main").text()).contains("Waiting for you to confirm");
    assertThat(page.select("main form[action=/account/digest]")).hasSize(1);
  }

  @Test
  void alertsAreAddedListedAndDeleted() {
    AccountHarness.Browser b = signedIn();
    HttpResponse<String> r = b.submit("/account/digest", "/alerts",
        Map.of("name", "RAG papers", "query", "retrieval augmented -survey cat:cs.CL"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/account/digest?done=added");
    r = b.submit("/account/digest", "/alerts", Map.of("name", " ", "query", "  attention  "));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(subs().alerts).extracting(Alert::name, Alert::query).containsExactly(
        org.assertj.core.groups.Tuple.tuple("RAG papers", "retrieval augmented -survey cat:cs.CL"),
        org.assertj.core.groups.Tuple.tuple("attention", "attention"));

    Document page = doc(b.get("/account/digest?done=added"));
    assertThat(page.select("main .notice").text()).startsWith("Alert saved");
    assertThat(page.select(".alerts .alert-name").eachText())
        .containsExactly("RAG papers", "attention");
    assertThat(page.select(".alerts a").eachAttr("href")).containsExactly(
        "/search?q=retrieval+augmented+-survey+cat%3Acs.CL", "/search?q=attention");

    // Someone else's alert cannot be deleted, nor one that does not exist.
    User other = site.user("other@example.org", "another password");
    Alert theirs = subs().addAlert(other.id(), "theirs", "graphs");
    r = b.submit("/account/digest", "/alerts/" + theirs.id() + "/delete", Map.of());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(b.submit("/account/digest", "/alerts/nope/delete", Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(b.submit("/account/digest", "/alerts/99999999999999999999/delete", Map.of())
        .statusCode()).isEqualTo(404);
    assertThat(subs().alerts).hasSize(3);
    // Nor without the token.
    long first = subs().alerts.get(0).id();
    assertThat(b.post("/alerts/" + first + "/delete", Map.of()).statusCode()).isEqualTo(403);
    assertThat(b.post("/alerts", Map.of("query", "x")).statusCode()).isEqualTo(403);
    assertThat(subs().alerts).hasSize(3);

    Element delete = page.selectFirst(".alerts form[action=/alerts/" + first + "/delete]");
    r = b.post(delete.attr("action"),
        Map.of("_csrf", delete.selectFirst("input[name=_csrf]").val()));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/account/digest?done=deleted");
    assertThat(subs().alerts).extracting(Alert::name).containsExactly("attention", "theirs");
    assertThat(doc(b.get("/account/digest?done=deleted")).select(".alerts .alert-name")
        .eachText()).containsExactly("attention");
  }

  @Test
  void badAlertsAreRefusedWithTheReason() {
    AccountHarness.Browser b = signedIn();
    HttpResponse<String> r = b.submit("/account/digest", "/alerts",
        Map.of("name", "broken dates", "query", "transformers from:2025-13-01"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("from");
    // The form keeps what was typed, to fix it.
    assertThat(doc(r).selectFirst("input[name=query]").val())
        .isEqualTo("transformers from:2025-13-01");
    assertThat(doc(r).selectFirst("input[name=name]").val()).isEqualTo("broken dates");

    r = b.submit("/account/digest", "/alerts", Map.of("name", "empty", "query", "   "));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("Enter the search");
    r = b.submit("/account/digest", "/alerts", Map.of("name", "n".repeat(201), "query", "x"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("200 characters");
    subs().maxAlerts = 0;
    r = b.submit("/account/digest", "/alerts", Map.of("query", "fine"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(alert(r)).contains("delete one first");
    assertThat(subs().alerts).isEmpty();

    subs().addBroken(reader.id(), "old syntax", "title:(a b", "the query no longer parses:"
        + " unclosed parenthesis");
    Document page = doc(b.get("/account/digest"));
    assertThat(page.select(".alerts li").text()).contains("old syntax")
        .contains("This alert is paused: the query no longer parses: unclosed parenthesis");
  }

  @Test
  void alertNamesAndQueriesAreEscaped() {
    AccountHarness.Browser b = signedIn();
    String script = "<script>alert(1)</script>";
    assertThat(b.submit("/account/digest", "/alerts", Map.of("name", script + " name",
        "query", script + " query")).statusCode()).isEqualTo(303);
    subs().addBroken(reader.id(), "b", "q", script + " reason");
    HttpResponse<String> r = b.get("/account/digest");
    assertThat(r.body()).doesNotContain(script);
    Document page = doc(r);
    assertThat(page.select("script:not([src])")).isEmpty();
    assertThat(page.select(".alerts .alert-name").eachText()).contains(script + " name");
    assertThat(page.select(".alerts code").eachText()).contains(script + " query");
    assertThat(page.select(".alerts").text()).contains(script + " reason");
  }

  @Test
  void theSearchPageSavesItsQueryAsAnAlert() {
    Document anonymous = doc(site.browser().get("/search?q=attention"));
    assertThat(anonymous.select("form[action=/alerts]")).isEmpty();
    assertThat(anonymous.select("main a[href^=/signin]").attr("href"))
        .isEqualTo("/signin?return=%2Fsearch%3Fq%3Dattention");

    AccountHarness.Browser b = signedIn();
    Document search = doc(b.get("/search?q=attention+-survey&cat=cs.CL&author=Ada+Lovelace"
        + "&from=2024-01-01&mode=bm25"));
    Element form = search.selectFirst("main form.save-alert");
    assertThat(form.attr("action")).isEqualTo("/alerts");
    assertThat(form.select("button").text()).isEqualTo("Save as alert");
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (Element input : form.select("input")) {
      fields.put(input.attr("name"), input.val());
    }
    HttpResponse<String> r = b.post("/alerts", fields);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(subs().alerts).singleElement().satisfies(a -> {
      assertThat(a.query())
          .isEqualTo("attention -survey cat:cs.CL author:\"Ada Lovelace\" from:2024-01-01");
      assertThat(a.name()).isEqualTo(a.query());
      assertThat(a.userId()).isEqualTo(reader.id());
    });
    // No button where nothing was searched, or the search failed.
    assertThat(doc(b.get("/search")).select("form.save-alert")).isEmpty();
    assertThat(doc(b.get("/search?q=from:2025-13-01")).select("form.save-alert")).isEmpty();
  }

  @Test
  void longQueriesMakeShortNames() {
    String query = "word ".repeat(40).strip();
    String name = SubscriptionRoutes.defaultName(query);
    assertThat(name).endsWith("…")
        .hasSizeLessThanOrEqualTo(SubscriptionRoutes.DEFAULT_NAME_CHARS);
    assertThat(name).startsWith("word word").doesNotContain("wo…");
    assertThat(SubscriptionRoutes.defaultName("a  b\n c")).isEqualTo("a b c");
  }

  @Test
  void forYouListsThePicksWithTheNotes() {
    AccountHarness.Browser b = signedIn();
    Document empty = doc(b.get("/for-you"));
    assertThat(empty.selectFirst("h1").text()).isEqualTo("For you");
    assertThat(empty.select("header a[href=/for-you][aria-current=page]")).hasSize(1);
    assertThat(empty.select("main .notes li").eachText())
        .containsExactly("save a few papers first");
    assertThat(empty.select("main .empty").text()).contains("Save or upvote a few papers");
    assertThat(empty.select("ol.items")).isEmpty();

    site.library.users().vote(reader.id(), AccountHarness.OTHER_PAPER, site.clock.instant());
    site.library.users().save(reader.id(), AccountHarness.PAPER, "", site.clock.instant());
    subs().forYou = new Subscriptions.ForYou(
        new ArrayList<>(List.of(AccountHarness.OTHER_PAPER, "9999.99999", AccountHarness.PAPER)),
        new ArrayList<>(List.of(0.9, 0.8, 0.7)), List.of("learned from 2 papers"));
    Document page = doc(b.get("/for-you"));
    assertThat(page.select("ol.items .item h2").eachText())
        .as("best first; a paper no longer stored is left out")
        .containsExactly("Votes & {braces} in BibTeX", "Attention over papers");
    assertThat(page.select("main .notes li").eachText())
        .containsExactly("learned from 2 papers");
    assertThat(page.select("ol.items .item").get(0).select(".vote-button.voted")).hasSize(1);
    assertThat(page.select("ol.items .item").get(1).select(".saved")).hasSize(1);
    assertThat(page.select("main .empty")).isEmpty();
  }
}
