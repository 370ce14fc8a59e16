package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestRound;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.site.SiteSubscriptions;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxClaim;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;
import org.papersift.core.paper.Paper;
import org.papersift.mail.DigestMessage;
import org.papersift.web.Subscriptions.LinkOutcome;

/**
 * papersift digest end to end: the real command line (in a child JVM where it sends), a real
 * SMTP server in this process (GreenMail, on the loopback address), the site's subscriptions.
 */
class DigestCommandTest {
  static final String SITE = "https://papers.example.org/";
  static final String FROM = "papersift <digest@papers.example.org>";
  static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{46})");
  static final DigestSchedule DAILY_8_UTC =
      new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("UTC"));

  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;
  Path data;
  GreenMail greenMail;
  int runs;

  @BeforeEach
  void start() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    greenMail.start();
    data = tmp.resolve("data");
    try (Papersift app = Papersift.open(new DataDir(data))) {
      // a paper every day around today, so every digest window has some
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<Paper> papers = new ArrayList<>();
      for (int d = -12; d <= 12; d++) {
        LocalDate day = today.plusDays(d);
        papers.add(new Paper(String.format("2601.%05d", d + 100), 1,
            "Graph neural networks, day " + (d + 100), "We study graphs on " + day + ".",
            List.of("Ada Lovelace"), List.of("cs.LG"), day, day, null, null, null, null,
            List.of()));
      }
      app.store().upsertAll(papers);
      app.catchUpIndex(n -> { });
    }
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private Map<String, String> smtpEnv() {
    return Map.of("PAPERSIFT_SMTP_HOST", "127.0.0.1",
        "PAPERSIFT_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()),
        "PAPERSIFT_SMTP_SECURITY", "none", "PAPERSIFT_MAIL_FROM", FROM,
        "PAPERSIFT_SITE_URL", SITE);
  }

  /** The real CLI in a child JVM, to its end. */
  private CliRun child(Map<String, String> env, String... args) throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("run" + (++runs)));
    List<String> all = new ArrayList<>(List.of("--data", data.toString()));
    all.addAll(List.of(args));
    Process p = ChildCli.start(logs, env, all.toArray(String[]::new));
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("the child did not finish:\n" + ChildCli.output(logs));
    }
    return new CliRun(p.exitValue(), Files.readString(logs.resolve("child.out")),
        Files.readString(logs.resolve("child.err")));
  }

  private SiteSubscriptions site(Papersift app) {
    return SiteSubscriptions.open(app, new DigestSettings(java.net.URI.create(SITE), FROM,
        Optional.empty(), 100), Clock.systemUTC());
  }

  /** The first send slot of {@code s} after {@code after}. */
  static Instant nextSlot(DigestSchedule s, Instant after) {
    LocalDate day = after.atZone(s.zone()).toLocalDate();
    for (int i = 0; i < 9; i++, day = day.plusDays(1)) {
      if (s.cadence().sendsOn(day) && s.sendTime(day).isAfter(after)) {
        return s.sendTime(day);
      }
    }
    throw new IllegalStateException("no slot");
  }

  private static String text(MimeMessage m) throws Exception {
    return ((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent())
        .replace("\r\n", "\n");
  }

  private static String html(MimeMessage m) throws Exception {
    return ((String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent())
        .replace("\r\n", "\n");
  }

  private static String token(String s) {
    Matcher t = TOKEN.matcher(s);
    assertThat(t.find()).as(s).isTrue();
    return t.group(1);
  }

  @Test
  void subscribeConfirmDigestUnsubscribeAndNothingAfter() throws Exception {
    String reader = "reader@example.org";
    try (Papersift app = Papersift.open(new DataDir(data))) {
      site(app).subscribe(reader, null, DAILY_8_UTC);
    }
    // the confirmation mail goes out with the next run
    CliRun first = child(smtpEnv(), "digest", "run");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("digest run: planned 0 digests; sent 1");
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage confirmMail = greenMail.getReceivedMessages()[0];
    assertThat(confirmMail.getSubject()).isEqualTo("Confirm your papersift digest");
    assertThat(text(confirmMail)).contains(SITE + "subscribe/confirm?token=");

    Instant confirmedAt = Instant.now();
    try (Papersift app = Papersift.open(new DataDir(data))) {
      LinkOutcome ok = site(app).confirm(token(text(confirmMail)));
      assertThat(ok.ok()).as(ok.message()).isTrue();
    }
    // the next slot: the digest is due; first what it will be
    Instant slot = nextSlot(DAILY_8_UTC, confirmedAt).plus(Duration.ofMinutes(1));
    Path eml = tmp.resolve("preview.eml");
    CliRun preview = CliRun.in(data, "digest", "preview", "--email", reader, "--out",
        eml.toString(), "--site-url", SITE, "--at", slot.toString());
    assertThat(preview.exit()).as(preview.toString()).isZero();
    assertThat(preview.out()).contains("wrote " + eml).contains("due: the next run plans it");

    CliRun digest = child(smtpEnv(), "digest", "run", "--at", slot.toString());
    assertThat(digest.exit()).as(digest.toString()).isZero();
    assertThat(digest.out()).contains("planned 1 digest; sent 1");
    assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    MimeMessage got = greenMail.getReceivedMessages()[1];
    assertThat(got.getAllRecipients()[0].toString()).isEqualTo(reader);
    String unsubscribe = got.getHeader("List-Unsubscribe")[0];
    assertThat(unsubscribe).startsWith("<" + SITE + "unsubscribe?token=");
    assertThat(got.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(got.getSubject()).matches("papersift · \\w+day, \\d+ \\w+ \\d{4} · \\d+ papers?");
    assertThat(text(got)).contains("Graph neural networks, day");

    // the preview is the message that was sent
    MimeMessage previewed = DigestMessage.parse(Files.readAllBytes(eml));
    assertThat(previewed.getSubject()).isEqualTo(got.getSubject());
    assertThat(previewed.getMessageID()).isEqualTo(got.getMessageID());
    assertThat(previewed.getHeader("List-Unsubscribe")).containsExactly(unsubscribe);
    assertThat(text(previewed)).isEqualTo(text(got));
    assertThat(html(previewed)).isEqualTo(html(got));

    // the same period again: nothing
    CliRun again = child(smtpEnv(), "digest", "run", "--at",
        slot.plus(Duration.ofMinutes(5)).toString());
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("planned 0 digests; sent 0");

    // one click in the mail client: the POST to the List-Unsubscribe link
    try (Papersift app = Papersift.open(new DataDir(data))) {
      LinkOutcome gone = site(app).unsubscribe(token(unsubscribe));
      assertThat(gone.ok()).as(gone.message()).isTrue();
    }
    CliRun next = child(smtpEnv(), "digest", "run", "--at",
        nextSlot(DAILY_8_UTC, slot).plus(Duration.ofMinutes(1)).toString());
    assertThat(next.exit()).as(next.toString()).isZero();
    assertThat(next.out()).contains("planned 0 digests; sent 0");
    Thread.sleep(200);
    assertThat(greenMail.getReceivedMessages()).hasSize(2);

    CliRun status = CliRun.in(data, "digest", "status");
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("outbox: 0 pending").contains("2 sent")
        .contains("subscribers: 0 active, 0 pending confirmation, 1 unsubscribed");

    // two weeks on, the sent messages' bytes go; their rows (the exactly-once keys) stay
    assertThat(storedBodies()).isEqualTo(2);
    CliRun later = child(smtpEnv(), "digest", "run", "--at",
        slot.plus(DigestRound.KEEP_SENT_MESSAGES).plus(Duration.ofHours(1)).toString());
    assertThat(later.exit()).as(later.toString()).isZero();
    assertThat(later.out()).contains("dropped the text of 2 sent messages older than 14 days");
    assertThat(storedBodies()).isZero();
    assertThat(CliRun.in(data, "digest", "status").out()).contains("2 sent");
  }

  private long storedBodies() throws SQLException {
    try (Connection c = ChildCli.readOnly(new DataDir(data).database());
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox WHERE eml IS NOT NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long outboxRows(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aRunKilledWhilePlanningThenRunAgainSendsEachSubscriberOneDigest() throws Exception {
    int n = 300;
    List<Subscriber> subscribers = new ArrayList<>();
    Instant past = Instant.now().minus(Duration.ofDays(3));
    try (Papersift app = Papersift.open(new DataDir(data))) {
      for (int i = 0; i < n; i++) {
        String email = "r" + i + "@example.org";
        Long user = null;
        if (i % 3 == 0) {
          user = app.users().createUser(email, "hash", past).orElseThrow().id();
          app.subscriptions().addAlert(user, "GNN", "graph neural", past);
        }
        Subscriber s = app.subscriptions().subscribe(email, user, i % 2 == 0 ? DAILY_8_UTC
            : new DigestSchedule(Cadence.WEEKLY, LocalTime.of(6, 30), ZoneId.of("Asia/Tokyo")),
            past);
        subscribers.add(app.subscriptions().confirm(s.id(), past).orElseThrow());
      }
    }
    Path logs = Files.createDirectories(tmp.resolve("killed"));
    Process child = ChildCli.start(logs, Map.of("PAPERSIFT_SITE_URL", SITE,
        "PAPERSIFT_MAIL_FROM", FROM), "--data", data.toString(), "digest", "run", "--no-send");
    long seen = 0;
    try (Connection c = ChildCli.readOnly(new DataDir(data).database())) {
      long deadline = System.currentTimeMillis() + 120_000;
      while (seen < 1) {
        if (!child.isAlive() || System.currentTimeMillis() > deadline) {
          fail("the child ended or stalled before it could be killed:\n"
              + ChildCli.output(logs));
        }
        try {
          seen = outboxRows(c);
        } catch (SQLException busy) {
          // poll again
        }
        Thread.sleep(2);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    long planned;
    try (Connection c = ChildCli.readOnly(new DataDir(data).database())) {
      planned = outboxRows(c);
    }
    assertThat(planned).as("killed while planning").isBetween(1L, (long) n - 1);

    CliRun rerun = child(smtpEnv(), "digest", "run");
    assertThat(rerun.exit()).as(rerun.toString()).isZero();
    assertThat(greenMail.waitForIncomingEmail(60_000, n)).isTrue();
    Thread.sleep(300);
    Map<String, Integer> perRecipient = new HashMap<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      perRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
    }
    assertThat(perRecipient).hasSize(n);
    assertThat(perRecipient.values()).allMatch(count -> count == 1);
    try (Papersift app = Papersift.open(new DataDir(data))) {
      Instant now = Instant.now();
      assertThat(app.outbox().counts(now).sent()).isEqualTo(n);
      for (Subscriber s : subscribers) {
        String period = s.schedule().period(now);
        assertThat(app.subscriptions().subscriber(s.id()).orElseThrow().lastDigestPeriod())
            .isEqualTo(period);
        assertThat(app.outbox().contains(OutboxKey.digest(s.id(), period))).isTrue();
      }
    }
  }

  @Test
  void adminCommands() throws Exception {
    CliRun bad = CliRun.in(data, "digest", "subscribe", "--email", "not an address");
    assertThat(bad.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.err()).contains("name@example.org");
    bad.noStackTrace();
    assertThat(CliRun.in(data, "digest", "subscribe", "--email", "a@example.org", "--zone",
        "Mars/Olympus").err()).contains("time zone: expected an IANA id");
    assertThat(CliRun.in(data, "digest", "subscribe", "--email", "a@example.org", "--time",
        "25:00").err()).contains("time: expected HH:MM");
    assertThat(CliRun.in(data, "digest").exit()).isEqualTo(Main.EXIT_USAGE);

    CliRun pending = CliRun.in(data, "digest", "subscribe", "--email", "a@example.org",
        "--cadence", "weekly", "--time", "07:30", "--zone", "Europe/Paris");
    assertThat(pending.exit()).as(pending.toString()).isZero();
    assertThat(pending.out()).contains("a@example.org: pending: a confirmation mail is in the"
        + " outbox").contains("on Mondays at 07:30 (Europe/Paris time)");
    assertThat(CliRun.in(data, "digest", "subscribe", "--email", "a@example.org").out())
        .contains("no new confirmation mail, one was planned less than 10 minutes ago");
    CliRun active = CliRun.in(data, "digest", "subscribe", "--email", "b@example.org",
        "--confirmed", "--send-empty");
    assertThat(active.out()).contains("active (confirmed by the admin)")
        .contains("empty digests too");
    assertThat(CliRun.in(data, "digest", "unsubscribe", "--email", "a@example.org").out())
        .contains("unsubscribed");
    CliRun nobody = CliRun.in(data, "digest", "unsubscribe", "--email", "c@example.org");
    assertThat(nobody.exit()).isEqualTo(Main.EXIT_FAILED);
    assertThat(CliRun.in(data, "digest", "preview", "--email", "c@example.org").exit())
        .isEqualTo(Main.EXIT_FAILED);

    // a bounced message is listed with its error and can be retried
    long bounced;
    try (Papersift app = Papersift.open(new DataDir(data))) {
      Subscriber b = app.subscriptions().byEmail("b@example.org").orElseThrow();
      OutboxMessage m = new OutboxMessage(OutboxKey.digest(b.id(), "2026-01-05"),
          "b@example.org", "<x@example.org>", "digest", "Subject: x\r\n\r\nx".getBytes());
      app.outbox().plan(m, Instant.now());
      OutboxClaim claim = app.outbox().claim(Instant.now(), Duration.ofMinutes(1))
          .orElseThrow();
      app.outbox().markBounced(claim, "550 5.1.1 <b@example.org>: user unknown");
      bounced = claim.id();
    }
    CliRun status = CliRun.in(data, "digest", "status");
    assertThat(status.out()).contains("1 bounced").contains("subscribers: 1 active, 0 pending"
        + " confirmation, 1 unsubscribed").contains("latest problems")
        .contains(bounced + "  bounced  digest 2026-01-05 to b@example.org, 1 attempt: 550 5.1.1");
    assertThat(CliRun.in(data, "digest", "retry", Long.toString(bounced)).out())
        .contains("planned again");
    assertThat(CliRun.in(data, "digest", "retry", Long.toString(bounced)).exit())
        .isEqualTo(Main.EXIT_FAILED);
    assertThat(CliRun.in(data, "digest", "status").out()).contains("0 bounced");
  }

  @Test
  void runWithoutSmtpSaysHowToTurnMailOnOrPlansOnly() {
    assumeTrue(System.getenv("PAPERSIFT_SMTP_HOST") == null, "SMTP is configured here");
    CliRun off = CliRun.in(data, "digest", "run");
    assertThat(off.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(off.err()).contains("mail is off: set PAPERSIFT_SMTP_HOST").contains("--no-send");
    CliRun plan = CliRun.in(data, "digest", "subscribe", "--email", "a@example.org",
        "--confirmed");
    assertThat(plan.exit()).isZero();
    // confirmed just now: its first digest is the next one
    CliRun noSend = CliRun.in(data, "digest", "run", "--no-send");
    assertThat(noSend.exit()).as(noSend.toString()).isZero();
    assertThat(noSend.out()).contains("digest run: planned 0 digests; sending off");
    CliRun later = CliRun.in(data, "digest", "run", "--no-send", "--at",
        nextSlot(DAILY_8_UTC, Instant.now()).plusSeconds(60).toString());
    assertThat(later.out()).contains("planned 1 digest; sending off");
  }
}
