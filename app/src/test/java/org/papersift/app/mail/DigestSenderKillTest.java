package org.papersift.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.mail.OutboxEntry;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.OutboxStatus;
import org.papersift.core.mail.RetryPolicy;
import org.papersift.mail.SmtpSender;

/**
 * Kills a real sender process (SIGKILL) at each step of sending one digest, then lets a new
 * sender finish, and counts what GreenMail received.
 */
class DigestSenderKillTest {
  @TempDir Path dir;
  MailHarness mail;
  GreenMail greenMail;

  @BeforeEach
  void start() {
    mail = new MailHarness(dir);
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    greenMail.start();
  }

  @AfterEach
  void stop() {
    mail.close();
    greenMail.stop();
  }

  @Test
  void killedAfterTheClaimTheDigestIsSentOnceByTheNextSender() throws Exception {
    OutboxMessage m = mail.planDigest("ada@example.org", Instant.now());
    killAt("claimed");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(entry(m).status()).isEqualTo(OutboxStatus.SENDING);

    assertThat(restartAfterLease().sent()).isEqualTo(1);
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(received()).containsExactly(m.messageId());
    assertThat(entry(m).status()).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void killedAfterTheServerAcceptedTheOnlyDuplicateHasTheSameMessageId() throws Exception {
    OutboxMessage m = mail.planDigest("ada@example.org", Instant.now());
    killAt("accepted");
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(received()).containsExactly(m.messageId());
    assertThat(entry(m).status()).isEqualTo(OutboxStatus.SENDING);

    // the documented window: the next sender cannot know the server took it, and sends it
    // again, the same bytes with the same Message-ID, for receivers to dedupe
    assertThat(restartAfterLease().sent()).isEqualTo(1);
    assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
    assertThat(received()).containsExactly(m.messageId(), m.messageId());
    assertThat(entry(m).status()).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void killedAfterTheMarkNothingIsSentAgain() throws Exception {
    OutboxMessage m = mail.planDigest("ada@example.org", Instant.now());
    killAt("finished");
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(entry(m).status()).isEqualTo(OutboxStatus.SENT);
    assertThat(restartAfterLease().claimed()).isZero();
    assertThat(received()).containsExactly(m.messageId());
  }

  /** Runs a sender in a child JVM until it reaches {@code step}, then kills it with SIGKILL. */
  private void killAt(String step) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", SendInChild.class.getName(),
        mail.db.file().toString(), Integer.toString(greenMail.getSmtp().getPort()), step)
        .redirectOutput(dir.resolve("child.out").toFile())
        .redirectError(dir.resolve("child.err").toFile());
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().keySet().removeIf(k -> k.startsWith("PAPERSIFT_"));
    Process child = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(dir.resolve("child.out")).contains("PAUSED " + step)) {
        if (!child.isAlive() || System.nanoTime() > deadline) {
          fail("the child did not reach " + step + ":\n" + output());
        }
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** A new sender in this process, once the dead one's lease has run out. */
  private DigestSender.Round restartAfterLease() {
    Clock later = Clock.fixed(Instant.now().plus(DigestSender.DEFAULT_LEASE)
        .plus(Duration.ofSeconds(1)), ZoneOffset.UTC);
    try (SmtpSender smtp = new SmtpSender(DigestSenderTest.smtp(greenMail.getSmtp().getPort()))) {
      return new DigestSender(mail.outbox, smtp, RetryPolicy.DEFAULT, later,
          DigestSender.DEFAULT_LEASE, null).sendDue(10);
    }
  }

  private List<String> received() throws MessagingException {
    List<String> ids = new ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      ids.add(m.getMessageID());
    }
    return ids;
  }

  private OutboxEntry entry(OutboxMessage m) {
    return mail.outbox.entry(m.key()).orElseThrow();
  }

  private String output() throws IOException {
    return "--- child stdout\n" + Files.readString(dir.resolve("child.out"))
        + "--- child stderr\n" + Files.readString(dir.resolve("child.err"));
  }
}
