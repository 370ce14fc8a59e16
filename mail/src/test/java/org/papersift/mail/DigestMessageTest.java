package org.papersift.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;

class DigestMessageTest {
  static final Instant DATE = Instant.parse("2026-11-23T07:00:00Z");
  static final String FROM = "papersift <digest@papers.example.org>";
  private final DigestRenderer renderer = new DigestRenderer();
  private final DigestMessage messages = new DigestMessage(FROM, renderer);

  @Test
  void aDigestIsTextAndHtmlOfTheSameContent() throws Exception {
    DigestContent content = DigestFixtures.digest("Ada@Example.org");
    OutboxKey key = OutboxKey.digest(17, "2026-11-23");
    OutboxMessage out = messages.compose(key, content, DATE);
    assertThat(out.key()).isEqualTo(key);
    assertThat(out.recipient()).isEqualTo("Ada@Example.org");
    assertThat(out.subject()).isEqualTo(renderer.subject(content));

    MimeMessage m = DigestMessage.parse(out.eml());
    assertThat(m.getFrom()).containsExactly(new InternetAddress(FROM));
    assertThat(m.getRecipients(Message.RecipientType.TO))
        .containsExactly(new InternetAddress("Ada@Example.org"));
    assertThat(m.getSubject()).isEqualTo(renderer.subject(content));
    assertThat(m.getSentDate()).isEqualTo(Date.from(DATE));
    assertThat(m.getMessageID()).isEqualTo(out.messageId())
        .matches("<digest\\.[0-9a-f]{32}@papers\\.example\\.org>");
    assertThat(m.getHeader("List-Unsubscribe"))
        .containsExactly("<https://papers.example.org/unsubscribe?token=TOKEN_abc-123>");
    assertThat(m.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(m.getContentType()).startsWith("multipart/alternative");

    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase(
        "text/plain; charset=UTF-8");
    assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase(
        "text/html; charset=UTF-8");
    assertThat(lf((String) parts.getBodyPart(0).getContent())).isEqualTo(renderer.text(content));
    assertThat(lf((String) parts.getBodyPart(1).getContent())).isEqualTo(renderer.html(content));
  }

  @Test
  void theMessageIdFollowsTheKeyAlone() {
    DigestContent content = DigestFixtures.digest("ada@example.org");
    OutboxKey key = OutboxKey.digest(17, "2026-11-23");
    OutboxMessage first = messages.compose(key, content, DATE);
    OutboxMessage later = messages.compose(key, content, DATE.plusSeconds(3_600));
    assertThat(later.messageId()).isEqualTo(first.messageId());
    assertThat(messages.compose(OutboxKey.digest(17, "2026-11-24"), content, DATE).messageId())
        .isNotEqualTo(first.messageId());
    assertThat(messages.compose(OutboxKey.digest(18, "2026-11-23"), content, DATE).messageId())
        .isNotEqualTo(first.messageId());
    assertThat(DigestMessage.messageId(key, "papers.example.org")).isEqualTo(first.messageId())
        .doesNotContain("17");
  }

  @Test
  void storedBytesReadAndWriteBackUnchanged() throws Exception {
    for (String to : new String[] {"ada@example.org", "jörg@bücher.de"}) {
      byte[] eml = messages.compose(OutboxKey.digest(1, "2026-11-23"),
          DigestFixtures.digest(to), DATE).eml();
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      DigestMessage.parse(eml).writeTo(again);
      assertThat(again.toByteArray()).as(to).isEqualTo(eml);
    }
  }

  @Test
  void internationalizedAddresses() throws Exception {
    OutboxMessage idn = messages.compose(OutboxKey.digest(1, "2026-11-23"),
        DigestFixtures.digest("ada@bücher.de"), DATE);
    assertThat(idn.recipient()).isEqualTo("ada@xn--bcher-kva.de");
    String headers = new String(idn.eml(), StandardCharsets.US_ASCII);
    assertThat(headers).contains("To: ada@xn--bcher-kva.de");
    // every header byte ASCII: any server can carry it
    assertThat(headerBytes(idn.eml())).allMatch(b -> b >= 0);

    OutboxMessage utf8 = messages.compose(OutboxKey.digest(2, "2026-11-23"),
        DigestFixtures.digest("jörg@bücher.de"), DATE);
    assertThat(utf8.recipient()).isEqualTo("jörg@xn--bcher-kva.de");
    assertThat(new String(utf8.eml(), StandardCharsets.UTF_8))
        .contains("To: jörg@xn--bcher-kva.de\r\n");
    assertThat(DigestMessage.parse(utf8.eml()).getHeader("To"))
        .containsExactly("jörg@xn--bcher-kva.de");
  }

  @Test
  void aMailOutsideASubscriptionStreamHasNoUnsubscribeHeaders() throws Exception {
    OutboxMessage confirm = messages.compose(new OutboxKey(3, "confirm", "20261123T070000Z"),
        "ada@example.org", "Confirm your papersift digest", "Follow https://x.example/c",
        "<p>Follow <a href=\"https://x.example/c\">this link</a></p>", null, DATE);
    MimeMessage m = DigestMessage.parse(confirm.eml());
    assertThat(m.getHeader("List-Unsubscribe")).isNull();
    assertThat(m.getMessageID()).startsWith("<confirm.");
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
  }

  @Test
  void partsAreEncodedForWhatTheyHoldAndReadBackExactly() throws Exception {
    assertThat(DigestMessage.transferEncoding("plain ascii\nlines")).isEqualTo("7bit");
    assertThat(DigestMessage.transferEncoding("x".repeat(999))).isEqualTo("quoted-printable");
    assertThat(DigestMessage.transferEncoding("mostly ascii, one é")).isEqualTo(
        "quoted-printable");
    assertThat(DigestMessage.transferEncoding("量子力学の論文")).isEqualTo("base64");
    for (String body : new String[] {"plain words only", "Résumé — ünïcödé ∑",
        "量子力学の論文です。".repeat(50), "long " + "y".repeat(2_000)}) {
      OutboxMessage m = messages.compose(new OutboxKey(3, "confirm", "1"), "ada@example.org",
          "Subject", body, "<p>" + body + "</p>", null, DATE);
      MimeMultipart parts = (MimeMultipart) DigestMessage.parse(m.eml()).getContent();
      assertThat(lf((String) parts.getBodyPart(0).getContent())).isEqualTo(body);
      assertThat(lf((String) parts.getBodyPart(1).getContent())).isEqualTo("<p>" + body
          + "</p>");
      // no line longer than SMTP allows
      assertThat(new String(m.eml(), StandardCharsets.UTF_8).split("\r\n"))
          .allMatch(line -> line.length() <= 998);
    }
  }

  private static String lf(String s) {
    return s.replace("\r\n", "\n");
  }

  private static java.util.List<Byte> headerBytes(byte[] eml) {
    String s = new String(eml, StandardCharsets.ISO_8859_1);
    byte[] head = s.substring(0, s.indexOf("\r\n\r\n")).getBytes(StandardCharsets.ISO_8859_1);
    java.util.List<Byte> out = new java.util.ArrayList<>();
    for (byte b : head) {
      out.add(b);
    }
    return out;
  }
}
