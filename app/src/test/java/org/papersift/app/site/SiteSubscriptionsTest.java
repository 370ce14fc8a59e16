package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.site.SiteLibraryTest.MutableClock;
import org.papersift.core.account.User;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.OutboxEntry;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxStatus;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;
import org.papersift.core.paper.Paper;
import org.papersift.mail.DigestMessage;
import org.papersift.store.Outbox;
import org.papersift.web.Subscriptions.LinkOutcome;

/** The site's subscriptions over a real data directory: double opt-in, links, limits, alerts. */
class SiteSubscriptionsTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z"); // a Monday
  static final DigestSchedule DAILY_8_PARIS =
      new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("Europe/Paris"));
  static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{46})");

  @TempDir Path dir;
  Papersift app;
  MutableClock clock;
  SiteSubscriptions site;

  static DigestSettings settings(int perHour) {
    return new DigestSettings(URI.create("https://papers.example.org/"),
        "papersift <digest@papers.example.org>", Optional.empty(), perHour);
  }

  @BeforeEach
  void open() {
    app = Papersift.open(new DataDir(dir));
    app.store().upsertAll(List.of(new Paper("2611.00001", 1, "Graph neural networks",
        "We study graphs.", List.of("Ada Lovelace"), List.of("cs.LG"),
        LocalDate.of(2026, 11, 20), null, null, null, null, null, List.of()),
        new Paper("2611.00002", 1, "Protein folding", "We fold proteins.", List.of("Grace Hopper"),
            List.of("q-bio.BM"), LocalDate.of(2026, 11, 23), null, null, null, null, null,
            List.of())));
    app.catchUpIndex(n -> { });
    clock = new MutableClock(T0);
    site = SiteSubscriptions.open(app, settings(100), clock);
  }

  @AfterEach
  void close() {
    app.close();
  }

  private List<OutboxEntry> confirmMails() {
    return app.outbox().entries(OutboxStatus.PLANNED, 100).stream()
        .filter(e -> e.key().kind().equals("confirm")).toList();
  }

  /** The token of the link in a planned mail. */
  private String tokenIn(OutboxEntry e) throws Exception {
    MimeMessage m = DigestMessage.parse(app.outbox().eml(e.id()).orElseThrow());
    String text = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
    Matcher t = TOKEN.matcher(text);
    assertThat(t.find()).as(text).isTrue();
    return t.group(1);
  }

  @Test
  void subscribingPlansAConfirmationMailWithASignedLink() throws Exception {
    site.subscribe("  Ada@Example.org ", null, DAILY_8_PARIS);
    Subscriber s = app.subscriptions().byEmail("ada@example.org").orElseThrow();
    assertThat(s.status()).isEqualTo(SubscriberStatus.PENDING);
    List<OutboxEntry> mails = confirmMails();
    assertThat(mails).singleElement().satisfies(e -> {
      assertThat(e.recipient()).isEqualTo("Ada@Example.org");
      assertThat(e.subject()).isEqualTo("Confirm your papersift digest");
      assertThat(e.key()).isEqualTo(new OutboxKey(s.id(), "confirm",
          Long.toString(T0.getEpochSecond())));
    });
    MimeMessage m = DigestMessage.parse(app.outbox().eml(mails.get(0).id()).orElseThrow());
    assertThat(m.getHeader("List-Unsubscribe")).isNull();
    String text = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
    assertThat(text).contains("https://papers.example.org/subscribe/confirm?token=")
        .contains("on weekdays at 08:00 (Europe/Paris time)");

    // internationalized addresses are welcome; broken ones are refused with the reason
    site.subscribe("jörg@bücher.de", null, DAILY_8_PARIS);
    assertThat(confirmMails()).extracting(OutboxEntry::recipient)
        .contains("jörg@xn--bcher-kva.de");
    assertThatThrownBy(() -> site.subscribe("not an address", null, DAILY_8_PARIS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name@example.org");
    assertThatThrownBy(() -> site.subscribe("ada@example.org", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void confirmingActivatesOnceAndNoDigestGoesOutTheMinuteAfter() throws Exception {
    site.subscribe("ada@example.org", null, DAILY_8_PARIS);
    String token = tokenIn(confirmMails().get(0));
    clock.advance(Duration.ofMinutes(3));
    LinkOutcome asked = site.checkConfirm(token);
    assertThat(asked.ok()).isTrue();
    assertThat(asked.message()).contains("ada@example.org, on weekdays at 08:00");
    assertThat(app.subscriptions().byEmail("ada@example.org").orElseThrow().status())
        .as("checking confirms nothing").isEqualTo(SubscriberStatus.PENDING);
    LinkOutcome ok = site.confirm(token);
    assertThat(ok.ok()).isTrue();
    assertThat(ok.message()).startsWith("Confirmed: ada@example.org gets papersift digests on"
        + " weekdays at 08:00");
    Subscriber s = app.subscriptions().byEmail("ada@example.org").orElseThrow();
    assertThat(s.status()).isEqualTo(SubscriberStatus.ACTIVE);
    assertThat(s.confirmedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    // 11:03 in Paris: today's 08:00 digest counts as sent
    assertThat(s.lastDigestPeriod()).isEqualTo("2026-11-23");
    assertThat(site.planner().planDue(clock.instant()).due()).isZero();

    // confirming twice is fine and changes nothing
    assertThat(site.checkConfirm(token).message()).contains("is confirmed already");
    clock.advance(Duration.ofMinutes(1));
    assertThat(site.confirm(token)).isEqualTo(ok);
    assertThat(app.subscriptions().byEmail("ada@example.org").orElseThrow()).isEqualTo(s);
    // tomorrow's digest is planned
    clock.advance(Duration.ofDays(1));
    assertThat(site.planner().planDue(clock.instant()).planned()).isEqualTo(1);
    assertThat(app.outbox().contains(OutboxKey.digest(s.id(), "2026-11-24"))).isTrue();

    // the address is active: subscribing it again sends nothing and changes nothing
    int before = confirmMails().size();
    site.subscribe("ADA@example.org", null, new DigestSchedule(Cadence.WEEKLY,
        LocalTime.of(20, 0), ZoneId.of("UTC")));
    assertThat(confirmMails()).hasSize(before);
    assertThat(app.subscriptions().byEmail("ada@example.org").orElseThrow().schedule())
        .isEqualTo(DAILY_8_PARIS);
  }

  @Test
  void tamperedExpiredAndMisusedLinksAreRefusedWithAReason() throws Exception {
    site.subscribe("ada@example.org", null, DAILY_8_PARIS);
    String token = tokenIn(confirmMails().get(0));
    char last = token.charAt(20);
    String tampered = token.substring(0, 20) + (last == 'A' ? 'B' : 'A') + token.substring(21);
    assertThat(site.confirm(tampered)).isEqualTo(new LinkOutcome(false,
        LinkTokens.Reason.TAMPERED.message()));
    assertThat(site.checkConfirm(tampered)).isEqualTo(new LinkOutcome(false,
        LinkTokens.Reason.TAMPERED.message()));
    assertThat(site.confirm("short")).isEqualTo(new LinkOutcome(false,
        LinkTokens.Reason.MALFORMED.message()));
    assertThat(site.confirm(null).ok()).isFalse();
    assertThat(site.unsubscribe(token)).isEqualTo(new LinkOutcome(false,
        LinkTokens.Reason.WRONG_PURPOSE.message()));
    clock.advance(LinkTokens.Purpose.CONFIRM.lifetime().plusSeconds(1));
    assertThat(site.checkConfirm(token)).isEqualTo(new LinkOutcome(false,
        LinkTokens.Reason.EXPIRED.message()));
    assertThat(site.confirm(token)).isEqualTo(new LinkOutcome(false,
        LinkTokens.Reason.EXPIRED.message()));
    assertThat(app.subscriptions().byEmail("ada@example.org").orElseThrow().status())
        .isEqualTo(SubscriberStatus.PENDING);
    // a link of another site (another secret) is tampered as far as this one can tell
    String foreign = new LinkTokens(new byte[32]).issue(LinkTokens.Purpose.CONFIRM, 1,
        clock.instant());
    assertThat(site.confirm(foreign).message()).isEqualTo(LinkTokens.Reason.TAMPERED.message());
  }

  @Test
  void unsubscribingByTheLinkCancelsWhatIsPlanned() throws Exception {
    site.subscribe("ada@example.org", null, DAILY_8_PARIS);
    site.confirm(tokenIn(confirmMails().get(0)));
    Subscriber s = app.subscriptions().byEmail("ada@example.org").orElseThrow();
    clock.advance(Duration.ofDays(1));
    assertThat(site.planner().planDue(clock.instant()).planned()).isEqualTo(1);
    OutboxKey digest = OutboxKey.digest(s.id(), "2026-11-24");
    MimeMessage m = DigestMessage.parse(app.outbox().eml(app.outbox().entry(digest)
        .orElseThrow().id()).orElseThrow());
    Matcher t = TOKEN.matcher(m.getHeader("List-Unsubscribe")[0]);
    assertThat(t.find()).isTrue();
    String token = t.group(1);

    LinkOutcome check = site.checkUnsubscribe(token);
    assertThat(check).isEqualTo(new LinkOutcome(true,
        "Stop sending papersift digests to ada@example.org?"));
    assertThat(app.subscriptions().subscriber(s.id()).orElseThrow().active()).isTrue();
    assertThat(site.unsubscribe(token)).isEqualTo(new LinkOutcome(true,
        "Unsubscribed: no more digests go to ada@example.org."));
    assertThat(app.outbox().entry(digest).orElseThrow().status())
        .isEqualTo(OutboxStatus.CANCELLED);
    assertThat(site.unsubscribe(token).ok()).isTrue(); // twice: fine
    assertThat(site.checkUnsubscribe(token).message()).contains("unsubscribed already");
    // the confirmation mail was still waiting: cancelled too; its link does not undo this
    OutboxEntry confirmMail = app.outbox().entries(OutboxStatus.CANCELLED, 10).stream()
        .filter(e -> e.key().kind().equals("confirm")).findFirst().orElseThrow();
    assertThat(site.confirm(tokenIn(confirmMail))).isEqualTo(new LinkOutcome(false,
        "ada@example.org unsubscribed after this link was sent; subscribe again to get"
            + " digests."));
    clock.advance(Duration.ofDays(1));
    assertThat(site.planner().planDue(clock.instant()).due()).isZero();
  }

  @Test
  void confirmationMailsAreRateLimitedPerAddressAndForEveryone() {
    site = SiteSubscriptions.open(app, settings(3), clock);
    site.subscribe("ada@example.org", null, DAILY_8_PARIS);
    clock.advance(Duration.ofMinutes(9));
    site.subscribe("ada@example.org", null, DAILY_8_PARIS); // same answer, no mail
    assertThat(site.subscribeAs("ada@example.org", null, DAILY_8_PARIS).confirmMail())
        .isEqualTo(Outbox.Limited.TOO_SOON);
    assertThat(confirmMails()).hasSize(1);
    clock.advance(Duration.ofMinutes(2));
    site.subscribe("ada@example.org", null, DAILY_8_PARIS);
    assertThat(confirmMails()).hasSize(2);
    site.subscribe("bob@example.org", null, DAILY_8_PARIS);
    assertThat(confirmMails()).hasSize(3);
    // three within the hour: the next address waits, but is subscribed (pending) all the same
    assertThat(site.subscribeAs("cy@example.org", null, DAILY_8_PARIS).confirmMail())
        .isEqualTo(Outbox.Limited.OVER_LIMIT);
    assertThat(app.subscriptions().byEmail("cy@example.org").orElseThrow().status())
        .isEqualTo(SubscriberStatus.PENDING);
    clock.advance(Duration.ofHours(1));
    assertThat(site.subscribeAs("cy@example.org", null, DAILY_8_PARIS).confirmMail())
        .isEqualTo(Outbox.Limited.PLANNED);
  }

  @Test
  void alertsAreCheckedWhenSaved() {
    long ada = app.users().createUser("ada@example.org", "hash", T0).orElseThrow().id();
    assertThat(site.addAlert(ada, " ", "graph neural -survey cat:cs.LG").name())
        .isEqualTo("graph neural -survey cat:cs.LG");
    assertThat(site.addAlert(ada, "GNN", "graph neural").name()).isEqualTo("GNN");
    assertThatThrownBy(() -> site.addAlert(ada, "x", "venue:neurips"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("This search cannot be an alert: \"venue:\" is not a field");
    assertThatThrownBy(() -> site.addAlert(ada, "x", "graph from:2025-13-01"))
        .hasMessageContaining("from: expected a date");
    assertThatThrownBy(() -> site.addAlert(ada, "x", "\"unbalanced"))
        .hasMessageContaining("not valid query syntax");
    assertThatThrownBy(() -> site.addAlert(ada, "x", "  "))
        .hasMessageContaining("Enter the search");
    assertThatThrownBy(() -> site.addAlert(ada, "x", "graph ".repeat(200)))
        .hasMessage("An alert's query has at most 1000 characters; this one has 1199.");
    for (int i = site.alerts(ada).size(); i < 50; i++) {
      site.addAlert(ada, "a" + i, "graph");
    }
    assertThatThrownBy(() -> site.addAlert(ada, "one more", "graph"))
        .hasMessageContaining("50 alerts");
    long first = site.alerts(ada).get(0).id();
    assertThat(site.deleteAlert(ada + 1, first)).isFalse();
    assertThat(site.deleteAlert(ada, first)).isTrue();
  }

  @Test
  void anAccountsSubscriptionScheduleAndPreview() {
    long ada = app.users().createUser("ada@example.org", "hash", T0).orElseThrow().id();
    assertThat(site.subscriptionOf(ada)).isEmpty();
    assertThatThrownBy(() -> site.changeSchedule(ada, DAILY_8_PARIS, false))
        .isInstanceOf(IllegalArgumentException.class);
    site.subscribe("ada@example.org", ada, DAILY_8_PARIS);
    Subscriber s = site.subscriptionOf(ada).orElseThrow();
    app.subscriptions().confirm(s.id(), T0, DAILY_8_PARIS.period(T0));
    // weekly from now on: Monday's weekly digest would be due at once; it is not sent
    DigestSchedule weekly = new DigestSchedule(Cadence.WEEKLY, LocalTime.of(7, 0),
        ZoneId.of("Europe/Paris"));
    site.changeSchedule(ada, weekly, true);
    Subscriber changed = site.subscriptionOf(ada).orElseThrow();
    assertThat(changed.schedule()).isEqualTo(weekly);
    assertThat(changed.sendEmpty()).isTrue();
    assertThat(changed.lastDigestPeriod()).isEqualTo("2026-W48");
    assertThat(site.planner().planDue(clock.instant()).due()).isZero();

    assertThat(site.previewHtml("ADA@example.org")).hasValueSatisfying(html ->
        assertThat(html).contains("Week 48, 2026").contains("Graph neural networks"));
    assertThat(site.previewHtml("nobody@example.org")).isEmpty();
    assertThat(site.previewHtml(null)).isEmpty();
    assertThat(app.outbox().counts(clock.instant()).planned()).isEqualTo(1); // the confirm mail
    assertThat(site.outbox().planned()).isEqualTo(1);
  }

  @Test
  void adminsForYouAndMail() {
    // admin rights come from the command line ('papersift admin grant'), never from an address
    User boss = app.users().createUser("boss@example.org", "hash", T0).orElseThrow();
    assertThat(site.isAdmin(boss)).isFalse();
    app.users().setAdmin("Boss@Example.org", true);
    assertThat(site.isAdmin(boss)).isTrue();
    assertThat(site.isAdmin(new User(boss.id() + 1, "ada@example.org", T0))).isFalse();
    assertThat(site.isAdmin(null)).isFalse();
    assertThat(site.mailEnabled()).isFalse();
    assertThat(site.forYou(1, 10).paperIds()).isEmpty();
    assertThat(site.forYou(1, 10).notes()).singleElement().asString()
        .contains("no paper is embedded yet");
    // the site library without explicit subscriptions makes the default one
    SiteLibrary library = new SiteLibrary(app, clock);
    assertThat(library.subscriptions().mailEnabled()).isFalse();
    assertThat(library.subscriptions().outbox().planned()).isZero();
  }
}
