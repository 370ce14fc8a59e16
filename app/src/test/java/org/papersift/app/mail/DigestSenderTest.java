package org.papersift.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.mail.DigestSender.Outcome;
import org.papersift.app.mail.DigestSender.Round;
import org.papersift.core.mail.OutboxClaim;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.OutboxEntry;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.OutboxStatus;
import org.papersift.core.mail.RetryPolicy;
import org.papersift.mail.FakeSmtpServer;
import org.papersift.mail.FakeSmtpServer.Step;
import org.papersift.mail.MailSettings;
import org.papersift.mail.SmtpSender;
import org.papersift.store.Outbox;

class DigestSenderTest {
  static final Instant T0 = Instant.parse("2026-11-23T07:00:00Z");
  static final Duration LEASE = DigestSender.DEFAULT_LEASE;

  @TempDir Path dir;
  MailHarness mail;
  GreenMail greenMail;
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  final List<String> events = new ArrayList<>();
  final DigestSender.Listener listener = new DigestSender.Listener() {
    @Override
    public void finished(OutboxClaim claim, Outcome outcome, String error) {
      events.add(claim.entry().recipient() + " " + outcome + " attempt " + claim.attempt());
    }
  };

  @BeforeEach
  void open() {
    mail = new MailHarness(dir);
  }

  @AfterEach
  void close() {
    mail.close();
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  private void startGreenMail(int port) {
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    greenMail.start();
  }

  static MailSettings smtp(int port) {
    return new MailSettings("127.0.0.1", port, MailSettings.Security.NONE, null, null,
        Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), MailHarness.FROM,
        null);
  }

  private Round round(int port) {
    return round(port, RetryPolicy.DEFAULT);
  }

  private Round round(int port, RetryPolicy policy) {
    try (SmtpSender smtp = new SmtpSender(smtp(port))) {
      return new DigestSender(mail.outbox, smtp, policy, clock, LEASE, listener).sendDue(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private OutboxEntry entry(OutboxMessage m) {
    return mail.outbox.entry(m.key()).orElseThrow();
  }

  @Test
  void sendsEachPlannedDigestOnceAndMarksIt() throws Exception {
    startGreenMail(0);
    List<OutboxMessage> planned = List.of(mail.planDigest("ada@example.org", T0),
        mail.planDigest("bob@example.org", T0), mail.planDigest("cy@bücher.de", T0));
    // the scheduler runs again: nothing new
    assertThat(mail.outbox.plan(planned.get(0), T0.plusSeconds(1))).isFalse();

    Round r = round(greenMail.getSmtp().getPort());
    assertThat(r).isEqualTo(new Round(3, 0, 0, 0, null));
    assertThat(greenMail.waitForIncomingEmail(5_000, 3)).isTrue();
    MimeMessage[] got = greenMail.getReceivedMessages();
    assertThat(Arrays.stream(got).map(m -> messageId(m)).toList())
        .containsExactlyInAnyOrderElementsOf(planned.stream().map(OutboxMessage::messageId)
            .toList());
    for (OutboxMessage m : planned) {
      OutboxEntry e = entry(m);
      assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
      assertThat(e.sentAt()).isEqualTo(T0);
      assertThat(e.attempts()).isEqualTo(1);
    }
    assertThat(mail.outbox.counts(T0)).isEqualTo(new OutboxCounts(0, 0, 0, 3, 0, 0, 0));

    // later rounds find nothing to send
    now.set(T0.plus(Duration.ofDays(2)));
    assertThat(round(greenMail.getSmtp().getPort()).claimed()).isZero();
    assertThat(greenMail.getReceivedMessages()).hasSize(3);
  }

  @Test
  void whenTheServerIsDownTheRoundStopsAndRetriesLater() throws Exception {
    int port = freePort(); // nothing listens here yet
    OutboxMessage a = mail.planDigest("ada@example.org", T0);
    OutboxMessage b = mail.planDigest("bob@example.org", T0);

    Round down = round(port);
    assertThat(down.retried()).isEqualTo(1);
    assertThat(down.sent()).isZero();
    assertThat(down.stopped()).contains("cannot connect to 127.0.0.1:" + port);
    OutboxEntry first = entry(a);
    assertThat(first.status()).isEqualTo(OutboxStatus.PLANNED);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(first.lastError()).contains("cannot connect");
    assertThat(entry(b).attempts()).isZero(); // not tried: the server was down

    // still down a minute later: b, due longer, is tried first, and the round stops again
    now.set(T0.plus(Duration.ofMinutes(1)));
    assertThat(round(port).retried()).isEqualTo(1);
    assertThat(entry(b).attempts()).isEqualTo(1);
    assertThat(entry(a).attempts()).isEqualTo(1);
    // a minute later a's second attempt fails too: its next wait is 5 minutes
    now.set(T0.plus(Duration.ofMinutes(2)));
    round(port);
    assertThat(entry(a).attempts()).isEqualTo(2);
    assertThat(entry(a).nextAttemptAt()).isEqualTo(now.get().plus(Duration.ofMinutes(5)));

    // the server comes back
    startGreenMail(port);
    now.set(now.get().plus(Duration.ofMinutes(5)));
    Round up = round(port);
    assertThat(up.sent()).isEqualTo(2);
    assertThat(up.stopped()).isNull();
    assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
    assertThat(greenMail.getReceivedMessages()).extracting(DigestSenderTest::messageId)
        .containsExactlyInAnyOrder(a.messageId(), b.messageId());
    assertThat(entry(a).attempts()).isEqualTo(3);
    assertThat(entry(a).status()).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void aDeferredRecipientWaitsWhileTheOthersGo() throws Exception {
    try (FakeSmtpServer server = new FakeSmtpServer()) {
      OutboxMessage a = mail.planDigest("ada@example.org", T0);
      OutboxMessage b = mail.planDigest("bob@example.org", T0);
      server.reply(Step.RCPT, "451 4.7.1 greylisted, come back later");
      Round r = round(server.port());
      assertThat(r.retried()).isEqualTo(2); // a 4xx for one recipient does not stop the round
      assertThat(r.stopped()).isNull();
      assertThat(entry(a).lastError()).contains("451 4.7.1 greylisted");
      assertThat(entry(b).status()).isEqualTo(OutboxStatus.PLANNED);

      server.reply(Step.RCPT, "250 ok");
      assertThat(round(server.port()).claimed()).isZero(); // not due yet
      now.set(T0.plus(Duration.ofMinutes(1)));
      assertThat(round(server.port()).sent()).isEqualTo(2);
      assertThat(server.messages()).hasSize(2);
    }
  }

  @Test
  void aConnectionDroppedMidDataIsRetriedAndSentOnce() throws Exception {
    try (FakeSmtpServer server = new FakeSmtpServer()) {
      OutboxMessage a = mail.planDigest("ada@example.org", T0);
      server.dropMidData(true);
      assertThat(round(server.port()).retried()).isEqualTo(1);
      assertThat(server.messages()).isEmpty();
      server.dropMidData(false);
      now.set(T0.plus(Duration.ofMinutes(1)));
      assertThat(round(server.port()).sent()).isEqualTo(1);
      assertThat(server.messages()).singleElement()
          .satisfies(bytes -> assertThat(bytes).isEqualTo(a.eml()));
    }
  }

  @Test
  void anUnknownUserBouncesVisiblyAndIsNeverRetried() throws Exception {
    try (FakeSmtpServer server = new FakeSmtpServer()) {
      OutboxMessage gone = mail.planDigest("gone@example.org", T0);
      OutboxMessage ok = mail.planDigest("ok@example.org", T0);
      server.reply(Step.RCPT, "550 5.1.1 <gone@example.org>: user unknown");
      Round r = round(server.port());
      assertThat(r.bounced()).isEqualTo(2);
      server.reply(Step.RCPT, "250 ok");
      mail.outbox.retry(entry(ok).id(), T0); // the admin retries the wrong bounce
      round(server.port());

      assertThat(entry(gone).status()).isEqualTo(OutboxStatus.BOUNCED);
      assertThat(entry(gone).lastError()).contains("550 5.1.1").contains("gone@example.org");
      assertThat(mail.outbox.counts(T0)).isEqualTo(new OutboxCounts(0, 0, 0, 1, 0, 1, 0));
      assertThat(mail.outbox.entries(OutboxStatus.BOUNCED, 10)).extracting(OutboxEntry::key)
          .containsExactly(gone.key());
      now.set(T0.plus(Duration.ofDays(7)));
      assertThat(round(server.port()).claimed()).isZero();
      assertThat(server.messages()).hasSize(1);
    }
  }

  @Test
  void afterTheLastAttemptARowFailsVisibly() throws Exception {
    RetryPolicy twoRetries = new RetryPolicy(List.of(Duration.ofMinutes(1),
        Duration.ofMinutes(1)));
    int port = freePort();
    OutboxMessage a = mail.planDigest("ada@example.org", T0);
    for (int i = 0; i < 3; i++) {
      now.set(T0.plus(Duration.ofMinutes(i)));
      round(port, twoRetries);
    }
    OutboxEntry e = entry(a);
    assertThat(e.status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.lastError()).startsWith("gave up after 3 attempts: cannot connect");
    assertThat(mail.outbox.counts(now.get()).failed()).isEqualTo(1);
    assertThat(events).containsExactly("ada@example.org RETRY attempt 1",
        "ada@example.org RETRY attempt 2", "ada@example.org FAILED attempt 3");
  }

  @Test
  void aSenderThatDiedAfterItsClaimLeavesTheRowToTheNextOnce() throws Exception {
    startGreenMail(0);
    OutboxMessage a = mail.planDigest("ada@example.org", T0);
    // another process claims the row and dies before sending
    try (Outbox dead = new Outbox(mail.db)) {
      assertThat(dead.claim(T0, LEASE)).isPresent();
    }
    int port = greenMail.getSmtp().getPort();
    now.set(T0.plus(LEASE).minusSeconds(1));
    assertThat(round(port).claimed()).isZero(); // its lease still holds
    now.set(T0.plus(LEASE));
    assertThat(round(port).sent()).isEqualTo(1);
    now.set(T0.plus(LEASE.multipliedBy(3)));
    assertThat(round(port).claimed()).isZero();
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(entry(a).attempts()).isEqualTo(2);
  }

  @Test
  void aRowThatKeepsKillingItsSenderIsGivenUp() {
    OutboxMessage a = mail.planDigest("ada@example.org", T0);
    RetryPolicy policy = RetryPolicy.DEFAULT;
    Instant t = T0;
    for (int i = 0; i < policy.maxAttempts(); i++) { // each sender dies while sending
      assertThat(mail.outbox.claim(t, LEASE)).isPresent();
      t = t.plus(LEASE);
    }
    now.set(t);
    Round r = round(1, policy); // port 1: never reached
    assertThat(r.failed()).isEqualTo(1);
    assertThat(entry(a).status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(entry(a).lastError()).contains("gave up after 6 attempts that ended without");
  }

  @Test
  void anUnsubscribeBeforeSendingCancelsTheDigest() throws Exception {
    startGreenMail(0);
    OutboxMessage a = mail.planDigest("ada@example.org", T0);
    mail.planDigest("bob@example.org", T0);
    mail.subscribers.unsubscribe(a.key().recipientId(), T0);
    assertThat(round(greenMail.getSmtp().getPort()).sent()).isEqualTo(1);
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()).singleElement()
        .satisfies(m -> assertThat(m.getAllRecipients()[0].toString())
            .isEqualTo("bob@example.org"));
    assertThat(entry(a).status()).isEqualTo(OutboxStatus.CANCELLED);
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
