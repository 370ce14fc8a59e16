package org.papersift.app.digest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.OutboxStatus;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.paper.Paper;
import org.papersift.mail.DigestContent;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.DigestPaper;
import org.papersift.mail.DigestSection;
import org.papersift.store.SubscriptionStore;

/** The planner over a real data directory: which digests are due, what they say, and once. */
class DigestPlannerTest {
  /** Monday 23 November 2026, 07:30 UTC: 08:30 in Paris, 02:30 in New York, 16:30 in Tokyo. */
  static final Instant MON_0730Z = Instant.parse("2026-11-23T07:30:00Z");
  static final DigestSettings SETTINGS = new DigestSettings(
      URI.create("https://papers.example.org/"), "papersift <digest@papers.example.org>",
      Optional.empty(), 100);
  static final DigestSchedule PARIS_8 =
      new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("Europe/Paris"));
  static final DigestSchedule NEW_YORK_8 =
      new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("America/New_York"));
  static final DigestSchedule TOKYO_WEEKLY_9 =
      new DigestSchedule(Cadence.WEEKLY, LocalTime.of(9, 0), ZoneId.of("Asia/Tokyo"));

  @TempDir Path dir;
  Papersift app;
  DigestPlanner planner;
  SubscriptionStore subs;

  static Paper paper(String id, String title, String day, String category) {
    return new Paper(id, 1, title, "We study " + title.toLowerCase() + ".", List.of("Ada Lovelace"),
        List.of(category), LocalDate.parse(day), LocalDate.parse(day), null, null, null, null,
        List.of());
  }

  @BeforeEach
  void open() {
    app = Papersift.open(new DataDir(dir));
    app.store().upsertAll(List.of(
        paper("2611.00001", "Graph neural networks for molecules", "2026-11-20", "cs.LG"),
        paper("2611.00002", "A survey of graph neural networks", "2026-11-21", "cs.LG"),
        paper("2611.00003", "Neural machine translation", "2026-11-22", "cs.CL"),
        paper("2611.00004", "Protein folding at scale", "2026-11-18", "q-bio.BM"),
        paper("2611.00005", "Older graph neural work", "2026-11-02", "cs.LG")));
    app.catchUpIndex(n -> { });
    planner = new DigestPlanner(app, SETTINGS, null, DigestPlanner.tokens(app), 1);
    subs = app.subscriptions();
  }

  @AfterEach
  void close() {
    app.close();
  }

  /** An active subscriber who has had the digest of {@code lastPeriod} (null: none yet). */
  private Subscriber active(String email, Long userId, DigestSchedule schedule,
      String lastPeriod) {
    Subscriber s = subs.subscribe(email, userId, schedule, MON_0730Z.minus(Duration.ofDays(30)));
    subs.confirm(s.id(), MON_0730Z.minus(Duration.ofDays(30)));
    if (lastPeriod != null) {
      subs.recordDigest(s.id(), lastPeriod);
    }
    return subs.subscriber(s.id()).orElseThrow();
  }

  private long user(String email) {
    return app.users().createUser(email, "hash", MON_0730Z.minus(Duration.ofDays(40)))
        .orElseThrow().id();
  }

  private static List<String> titles(DigestSection s) {
    return s.papers().stream().map(DigestPaper::title).toList();
  }

  private DigestContent preview(Subscriber s, Instant now) {
    return planner.preview(subs.subscriber(s.id()).orElseThrow(), now).content();
  }

  @Test
  void whoIsDueDependsOnTheirZoneAndCadence() {
    Subscriber paris = active("paris@example.org", null, PARIS_8, "2026-11-20");
    Subscriber newYork = active("ny@example.org", null, NEW_YORK_8, "2026-11-20");
    Subscriber tokyo = active("tokyo@example.org", null, TOKYO_WEEKLY_9, "2026-W47");
    Subscriber tokyoDone = active("tokyo2@example.org", null, TOKYO_WEEKLY_9, "2026-W48");

    DigestPlanner.Round r = planner.planDue(MON_0730Z);
    assertThat(r.due()).isEqualTo(2);
    assertThat(r.planned()).isEqualTo(2);
    assertThat(app.outbox().contains(OutboxKey.digest(paris.id(), "2026-11-23"))).isTrue();
    assertThat(app.outbox().contains(OutboxKey.digest(tokyo.id(), "2026-W48"))).isTrue();
    assertThat(subs.subscriber(paris.id()).orElseThrow().lastDigestPeriod())
        .isEqualTo("2026-11-23");
    // 02:30 in New York: Monday's slot has not come; Friday's was sent
    assertThat(subs.subscriber(newYork.id()).orElseThrow().lastDigestPeriod())
        .isEqualTo("2026-11-20");
    assertThat(app.outbox().counts(MON_0730Z).planned()).isEqualTo(2);

    // 08:00 in New York
    DigestPlanner.Round later = planner.planDue(Instant.parse("2026-11-23T13:00:00Z"));
    assertThat(later.planned()).isEqualTo(1);
    assertThat(app.outbox().contains(OutboxKey.digest(newYork.id(), "2026-11-23"))).isTrue();
    assertThat(subs.subscriber(tokyoDone.id()).orElseThrow().lastDigestPeriod())
        .isEqualTo("2026-W48");
    // Saturday: no daily digest goes out, Friday's was planned
    Instant saturday = Instant.parse("2026-11-28T12:00:00Z");
    planner.planDue(Instant.parse("2026-11-27T14:00:00Z"));
    assertThat(planner.planDue(saturday).due()).isZero();
  }

  @Test
  void planningTwiceCreatesNothingNewEvenFromTwoPlannersAtOnce() throws Exception {
    List<Subscriber> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(active("r" + i + "@example.org", null, i % 2 == 0 ? PARIS_8 : TOKYO_WEEKLY_9,
          null));
    }
    DigestPlanner other = new DigestPlanner(app, SETTINGS, null, DigestPlanner.tokens(app), 3);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<DigestPlanner.Round> a = pool.submit(() -> planner.planDue(MON_0730Z));
      Future<DigestPlanner.Round> b = pool.submit(() -> other.planDue(MON_0730Z));
      DigestPlanner.Round ra = a.get();
      DigestPlanner.Round rb = b.get();
      assertThat(ra.planned() + rb.planned()).isEqualTo(40);
      assertThat(ra.failed() + rb.failed()).isZero();
    } finally {
      pool.shutdownNow();
    }
    assertThat(app.outbox().counts(MON_0730Z).planned()).isEqualTo(40);
    DigestPlanner.Round again = planner.planDue(MON_0730Z.plusSeconds(60));
    assertThat(again.due()).isZero();
    assertThat(again.planned()).isZero();
    assertThat(app.outbox().counts(MON_0730Z).planned()).isEqualTo(40);
    for (Subscriber s : all) {
      assertThat(subs.subscriber(s.id()).orElseThrow().lastDigestPeriod())
          .isEqualTo(s.schedule().period(MON_0730Z));
    }
  }

  @Test
  void aRoundStoppedBetweenPlanAndRecordLeavesTheKeyToGuard() {
    Subscriber s = active("ada@example.org", null, PARIS_8, "2026-11-20");
    // as if a process planned the digest and was killed before recording it
    DigestPlanner.Built built = planner.preview(s, MON_0730Z);
    OutboxMessage m = planner.message(built, MON_0730Z);
    assertThat(app.outbox().plan(m, MON_0730Z)).isTrue();
    assertThat(subs.subscriber(s.id()).orElseThrow().lastDigestPeriod())
        .isEqualTo("2026-11-20");

    DigestPlanner.Round r = planner.planDue(MON_0730Z.plusSeconds(60));
    assertThat(r.alreadyPlanned()).isEqualTo(1);
    assertThat(r.planned()).isZero();
    assertThat(subs.subscriber(s.id()).orElseThrow().lastDigestPeriod())
        .isEqualTo("2026-11-23");
    assertThat(app.outbox().counts(MON_0730Z).planned()).isEqualTo(1);
    assertThat(planner.planDue(MON_0730Z.plusSeconds(120)).due()).isZero();
  }

  @Test
  void trendingIsTheVotedNewPapersOrTheNewestSaidSo() {
    Subscriber s = active("ada@example.org", null, PARIS_8, "2026-11-20");
    DigestSection newest = preview(s, MON_0730Z).sections().get(0);
    assertThat(newest.title()).isEqualTo("Newest papers (no votes yet)");
    assertThat(newest.note()).contains("20 to 22 November");
    assertThat(titles(newest)).containsExactly("Neural machine translation",
        "A survey of graph neural networks", "Graph neural networks for molecules");

    long voter = user("voter@example.org");
    long other = user("other@example.org");
    Instant t = MON_0730Z.minus(Duration.ofHours(3));
    app.users().vote(voter, "2611.00001", t);
    app.users().vote(other, "2611.00001", t);
    app.users().vote(voter, "2611.00003", t);
    app.users().vote(voter, "2611.00005", t); // popular, but not new
    app.users().vote(voter, "2611.00004", t); // new, but before this digest's window
    DigestSection trending = preview(s, MON_0730Z).sections().get(0);
    assertThat(trending.title()).isEqualTo("Trending");
    assertThat(titles(trending)).containsExactly("Graph neural networks for molecules",
        "Neural machine translation");
  }

  @Test
  void alertsMatchEveryWordOfTheNewPapersAndCanBeEmpty() {
    long ada = user("ada@example.org");
    subs.addAlert(ada, "GNNs", "graph neural", MON_0730Z);
    subs.addAlert(ada, "GNNs, no surveys", "graph neural -survey", MON_0730Z);
    subs.addAlert(ada, "Translation of graphs", "graph translation", MON_0730Z);
    subs.addAlert(ada, "Language", "cat:cs.CL", MON_0730Z);
    Subscriber s = active("ada@example.org", ada, PARIS_8, "2026-11-20");

    List<DigestSection> sections = preview(s, MON_0730Z).sections();
    assertThat(sections).extracting(DigestSection::title).containsExactly(
        "Newest papers (no votes yet)", "GNNs", "GNNs, no surveys", "Translation of graphs",
        "Language");
    // the June-like older paper matches too, but is not new
    assertThat(titles(sections.get(1))).containsExactlyInAnyOrder(
        "Graph neural networks for molecules", "A survey of graph neural networks");
    assertThat(titles(sections.get(2))).containsExactly("Graph neural networks for molecules");
    assertThat(sections.get(3).papers()).isEmpty();
    assertThat(sections.get(3).note()).isEqualTo("No new papers match “graph translation”.");
    assertThat(titles(sections.get(4))).containsExactly("Neural machine translation");
  }

  @Test
  void anAlertThatNoLongerParsesIsMarkedAndTheDigestSaysSo() throws Exception {
    long ada = user("ada@example.org");
    Alert bad = subs.addAlert(ada, "Venues", "venue:neurips graph", MON_0730Z).orElseThrow();
    Alert badDate = subs.addAlert(ada, "Dates", "graph from:yesterday", MON_0730Z)
        .orElseThrow();
    Alert good = subs.addAlert(ada, "GNNs", "graph neural", MON_0730Z).orElseThrow();
    subs.setAlertBroken(good.id(), "it did not parse once"); // and runs again now
    Subscriber s = active("ada@example.org", ada, PARIS_8, "2026-11-20");

    // a preview changes nothing
    planner.preview(s, MON_0730Z);
    assertThat(subs.alerts(ada)).extracting(Alert::brokenReason)
        .containsExactly(null, null, "it did not parse once");

    DigestPlanner.Round r = planner.planDue(MON_0730Z);
    assertThat(r.planned()).isEqualTo(1);
    assertThat(r.brokenAlerts()).isEqualTo(2);
    List<Alert> after = subs.alerts(ada);
    assertThat(after.get(0).brokenReason()).contains("\"venue:\" is not a field")
        .contains("Edit or delete the alert");
    assertThat(after.get(1).brokenReason()).contains("from: expected a date");
    assertThat(after.get(2).broken()).isFalse();

    byte[] eml = app.outbox().eml(app.outbox().entry(OutboxKey.digest(s.id(), "2026-11-23"))
        .orElseThrow().id()).orElseThrow();
    MimeMessage m = DigestMessage.parse(eml);
    String text = planner.renderer().text(preview(s, MON_0730Z));
    assertThat(text).contains("This alert could not run: \"venue:\" is not a field");
    assertThat(m.getSubject()).isEqualTo("papersift · Monday, 23 November 2026 · 5 papers");
  }

  @Test
  void anEmptyDigestIsRecordedWithoutMailUnlessTheSubscriberWantsIt() {
    Subscriber quiet = active("quiet@example.org", null, PARIS_8, null);
    Subscriber keen = active("keen@example.org", null, PARIS_8, null);
    subs.setSendEmpty(keen.id(), true);
    // three weeks after the newest paper: nothing new for anybody
    Instant later = Instant.parse("2026-12-14T09:00:00Z");
    assertThat(preview(quiet, later).isEmpty()).isTrue();
    assertThat(preview(quiet, later).sections().get(0).note())
        .isEqualTo("No new papers (7 to 13 December).");

    DigestPlanner.Round r = planner.planDue(later);
    assertThat(r.empty()).isEqualTo(1);
    assertThat(r.planned()).isEqualTo(1);
    assertThat(app.outbox().contains(OutboxKey.digest(quiet.id(), "2026-12-14"))).isFalse();
    assertThat(app.outbox().entry(OutboxKey.digest(keen.id(), "2026-12-14")).orElseThrow()
        .subject()).isEqualTo("papersift · Monday, 14 December 2026 · 0 papers");
    assertThat(subs.subscriber(quiet.id()).orElseThrow().lastDigestPeriod())
        .isEqualTo("2026-12-14");
    assertThat(planner.planDue(later.plusSeconds(60)).due()).isZero();
  }

  @Test
  void theDigestLinksUnsubscribeAndCarriesTheSameLinkWhenBuiltAgain() throws Exception {
    Subscriber s = active("ada@example.org", null, PARIS_8, "2026-11-20");
    DigestContent first = preview(s, MON_0730Z);
    DigestContent again = preview(s, MON_0730Z.plus(Duration.ofHours(5)));
    assertThat(again).isEqualTo(first);
    assertThat(first.unsubscribeUrl().toString())
        .startsWith("https://papers.example.org/unsubscribe?token=");
    assertThat(first.sections().get(0).papers().get(0).pageUrl().toString())
        .isEqualTo("https://papers.example.org/papers/2611.00003");
    planner.planDue(MON_0730Z);
    var entry = app.outbox().entry(OutboxKey.digest(s.id(), "2026-11-23")).orElseThrow();
    assertThat(entry.status()).isEqualTo(OutboxStatus.PLANNED);
    MimeMessage m = DigestMessage.parse(app.outbox().eml(entry.id()).orElseThrow());
    assertThat(m.getHeader("List-Unsubscribe"))
        .containsExactly("<" + first.unsubscribeUrl() + ">");
    assertThat(m.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
  }

  @Test
  void unsubscribedAndPendingSubscribersGetNothing() {
    Subscriber gone = active("gone@example.org", null, PARIS_8, null);
    subs.unsubscribe(gone.id(), MON_0730Z);
    subs.subscribe("pending@example.org", null, PARIS_8, MON_0730Z);
    assertThat(planner.planDue(MON_0730Z).due()).isZero();
    assertThat(app.outbox().counts(MON_0730Z).planned()).isZero();
  }
}
