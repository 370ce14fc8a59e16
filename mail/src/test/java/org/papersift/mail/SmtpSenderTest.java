package org.papersift.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.MailDeliveryException;
import org.papersift.core.mail.MailDeliveryException.Kind;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.mail.FakeSmtpServer.Step;

class SmtpSenderTest {
  /**
   * Angus logs (JUL, INFO) each connection that asks for UTF-8 to a server without SMTPUTF8,
   * which one test does on purpose; kept referenced so the level sticks.
   */
  private static final Logger ANGUS_SMTP = Logger.getLogger("org.eclipse.angus.mail.smtp");

  static {
    ANGUS_SMTP.setLevel(Level.WARNING);
  }

  static final String FROM = "papersift <digest@papers.example.org>";
  static final Instant DATE = Instant.parse("2026-11-23T07:00:00Z");

  private final DigestMessage messages = new DigestMessage(FROM, new DigestRenderer());
  private GreenMail greenMail;
  private FakeSmtpServer fake;

  @BeforeEach
  void start() throws IOException {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
    greenMail.start();
    fake = new FakeSmtpServer();
  }

  @AfterEach
  void stop() throws IOException {
    greenMail.stop();
    fake.close();
  }

  static MailSettings settings(int port) {
    return new MailSettings("127.0.0.1", port, MailSettings.Security.NONE, null, null,
        Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), FROM, null);
  }

  private OutboxMessage digest(String to, int subscriber) {
    return messages.compose(OutboxKey.digest(subscriber, "2026-11-23"),
        DigestFixtures.digest(to), DATE);
  }

  @Test
  void greenMailReceivesTheStoredBytesUnchanged() throws Exception {
    OutboxMessage a = digest("ada@example.org", 1);
    OutboxMessage b = digest("bob@bücher.de", 2);
    try (SmtpSender sender = new SmtpSender(settings(greenMail.getSmtp().getPort()))) {
      sender.send(a.recipient(), a.eml());
      sender.send(b.recipient(), b.eml());
    }
    assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
    MimeMessage[] got = greenMail.getReceivedMessages();
    assertThat(got).hasSize(2);
    // GreenMail puts Return-Path and Received on top; the rest is the stored message, byte for
    // byte (but for the last CRLF, which SMTP counts as part of the end-of-data mark)
    assertThat(raw(got[0])).endsWith(withoutLastLineEnd(a.eml()));
    assertThat(got[0].getMessageID()).isEqualTo(a.messageId());
    assertThat(got[0].getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(greenMail.getReceivedMessagesForDomain("xn--bcher-kva.de")).hasSize(1);
    assertThat(raw(got[1])).endsWith(withoutLastLineEnd(b.eml()));
  }

  @Test
  void oneConnectionServesARound() throws Exception {
    try (SmtpSender sender = new SmtpSender(settings(fake.port()))) {
      for (int i = 0; i < 3; i++) {
        OutboxMessage m = digest("r" + i + "@example.org", i + 1);
        sender.send(m.recipient(), m.eml());
      }
    }
    assertThat(fake.connections()).isEqualTo(1);
    assertThat(fake.messages()).hasSize(3);
    assertThat(fake.commands()).filteredOn(c -> c.startsWith("MAIL FROM:"))
        .containsOnly("MAIL FROM:<digest@papers.example.org>");
    assertThat(fake.commands()).filteredOn(c -> c.startsWith("EHLO"))
        .containsExactly("EHLO papers.example.org");
  }

  @Test
  void nothingListeningIsUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    OutboxMessage m = digest("ada@example.org", 1);
    try (SmtpSender sender = new SmtpSender(settings(port))) {
      assertThatThrownBy(() -> sender.send(m.recipient(), m.eml()))
          .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.kind().retryable()).isTrue();
            assertThat(e.getMessage()).contains("cannot connect to 127.0.0.1:" + port);
          });
    }
  }

  @Test
  void repliesDecideWhatAFailureMeans() throws Exception {
    record Case(Step step, String reply, Kind kind, int code) {}
    Case[] cases = {
        new Case(Step.RCPT, "550 5.1.1 user unknown", Kind.REJECTED, 550),
        new Case(Step.RCPT, "451 4.3.0 greylisted, try again later", Kind.DEFERRED, 451),
        new Case(Step.RCPT, "452 4.2.2 mailbox full", Kind.DEFERRED, 452),
        new Case(Step.END_OF_DATA, "554 5.7.1 message refused", Kind.REJECTED, 554),
        new Case(Step.END_OF_DATA, "451 4.3.0 local error", Kind.DEFERRED, 451),
        new Case(Step.DATA, "451 4.3.0 not now", Kind.DEFERRED, 451),
        new Case(Step.MAIL, "553 5.7.1 sender not allowed", Kind.UNAVAILABLE, 553),
        new Case(Step.MAIL, "421 4.3.2 shutting down", Kind.UNAVAILABLE, 421),
        new Case(Step.GREETING, "554 5.3.2 no service", Kind.UNAVAILABLE, 0),
    };
    OutboxMessage m = digest("ada@example.org", 1);
    for (Case c : cases) {
      try (FakeSmtpServer server = new FakeSmtpServer();
           SmtpSender sender = new SmtpSender(settings(server.port()))) {
        server.reply(c.step(), c.reply());
        assertThatThrownBy(() -> sender.send(m.recipient(), m.eml())).as(c.toString())
            .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
              assertThat(e.kind()).as(c + ": " + e.getMessage()).isEqualTo(c.kind());
              if (c.code() != 0) {
                assertThat(e.replyCode()).isEqualTo(c.code());
                assertThat(e.getMessage()).contains(c.reply().substring(4));
              }
            });
        assertThat(server.messages()).isEmpty();
        // the sender recovers: the next message goes out once the server is fine again
        server.reply(c.step(), c.step() == Step.GREETING ? "220 ok"
            : c.step() == Step.DATA ? "354 go ahead" : "250 ok");
        sender.send(m.recipient(), m.eml());
        assertThat(server.messages()).as(c.toString()).hasSize(1);
      }
    }
  }

  @Test
  void aConnectionDroppedMidDataIsUnavailable() throws Exception {
    fake.dropMidData(true);
    OutboxMessage m = digest("ada@example.org", 1);
    try (SmtpSender sender = new SmtpSender(settings(fake.port()))) {
      assertThatThrownBy(() -> sender.send(m.recipient(), m.eml()))
          .isInstanceOfSatisfying(MailDeliveryException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
      assertThat(fake.messages()).isEmpty();
      fake.dropMidData(false);
      sender.send(m.recipient(), m.eml());
    }
    assertThat(fake.messages()).hasSize(1);
    assertThat(fake.connections()).isEqualTo(2);
  }

  @Test
  void aSlowServerTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         SmtpSender sender = new SmtpSender(new MailSettings("127.0.0.1", silent.getLocalPort(),
             MailSettings.Security.NONE, null, null, Duration.ofSeconds(2),
             Duration.ofMillis(300), Duration.ofMillis(300), FROM, null))) {
      OutboxMessage m = digest("ada@example.org", 1);
      long start = System.nanoTime();
      assertThatThrownBy(() -> sender.send(m.recipient(), m.eml()))
          .isInstanceOfSatisfying(MailDeliveryException.class,
              e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void utf8LocalPartsNeedSmtpUtf8() throws Exception {
    OutboxMessage m = digest("jörg@bücher.de", 1);
    try (SmtpSender sender = new SmtpSender(settings(fake.port()))) {
      assertThatThrownBy(() -> sender.send(m.recipient(), m.eml()))
          .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REJECTED);
            assertThat(e.getMessage()).contains("SMTPUTF8").contains("jörg@xn--bcher-kva.de");
          });
    }
    assertThat(fake.commands()).noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT"));

    fake.extensions("8BITMIME", "SMTPUTF8");
    try (SmtpSender sender = new SmtpSender(settings(fake.port()))) {
      sender.send(m.recipient(), m.eml());
    }
    assertThat(fake.commands()).contains("RCPT TO:<jörg@xn--bcher-kva.de>")
        .anyMatch(c -> c.startsWith("MAIL FROM:<digest@papers.example.org>")
            && c.contains("SMTPUTF8"));
    assertThat(fake.messages()).singleElement().satisfies(b -> assertThat(b).isEqualTo(m.eml()));
  }

  @Test
  void startTlsIsRequiredWhenAsked() throws Exception {
    MailSettings starttls = new MailSettings("127.0.0.1", fake.port(),
        MailSettings.Security.STARTTLS, null, null, Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(2), FROM, null);
    OutboxMessage m = digest("ada@example.org", 1);
    try (SmtpSender sender = new SmtpSender(starttls)) {
      assertThatThrownBy(() -> sender.send(m.recipient(), m.eml()))
          .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).containsIgnoringCase("STARTTLS");
          });
    }
    assertThat(fake.commands()).noneMatch(c -> c.startsWith("MAIL"));
  }

  @Test
  void aRefusedSignInIsUnavailable() throws Exception {
    fake.extensions("AUTH PLAIN").reply(Step.AUTH, "535 5.7.8 authentication failed");
    MailSettings auth = new MailSettings("127.0.0.1", fake.port(), MailSettings.Security.NONE,
        "papersift", "wrong", Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
        FROM, null);
    OutboxMessage m = digest("ada@example.org", 1);
    try (SmtpSender sender = new SmtpSender(auth)) {
      assertThatThrownBy(() -> sender.send(m.recipient(), m.eml()))
          .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("PAPERSIFT_SMTP_PASSWORD")
                .doesNotContain("wrong");
          });
      fake.reply(Step.AUTH, "235 2.7.0 ok");
      sender.send(m.recipient(), m.eml());
    }
    assertThat(fake.messages()).hasSize(1);
  }

  @Test
  void bytesThatAreNotOurMessageAreNotSent() {
    try (SmtpSender sender = new SmtpSender(settings(fake.port()))) {
      for (byte[] bad : new byte[][] {new byte[0], "just text\r\n".getBytes()}) {
        assertThatThrownBy(() -> sender.send("ada@example.org", bad))
            .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
              assertThat(e.kind()).isEqualTo(Kind.INVALID);
              assertThat(e.kind().retryable()).isFalse();
              assertThat(e.getMessage()).contains("Message-ID");
            });
      }
    }
    assertThat(fake.connections()).isZero();
  }

  private static byte[] withoutLastLineEnd(byte[] eml) {
    assertThat(eml).endsWith('\r', '\n');
    return java.util.Arrays.copyOf(eml, eml.length - 2);
  }

  private static byte[] raw(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }
}
