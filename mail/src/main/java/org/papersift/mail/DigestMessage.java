package org.papersift.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;

/**
 * Assembles the MIME message of a digest (or any other mail papersift sends) into the exact bytes
 * the outbox stores and every attempt sends.
 *
 * <p>The message: multipart/alternative with the plain text first and the HTML last (clients show
 * the last part they can), both UTF-8; Subject, From, To, Date; a {@code Message-ID} derived from
 * the outbox key ({@link #messageId}), so a resend after a crash carries the same id and receivers
 * that dedupe by it show one mail; {@code List-Unsubscribe} with the signed link and {@code
 * List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058: mail clients show an unsubscribe
 * button that POSTs to the link, no page, no sign-in); {@code Auto-Submitted: auto-generated} (RFC
 * 3834: no auto-replies).
 *
 * <p>Addresses: the To domain is written in ASCII (IDN converted). A UTF-8 local part is written as
 * UTF-8 (RFC 6532), which only a server offering SMTPUTF8 accepts; {@link SmtpSender} checks.
 *
 * <p>Immutable and thread-safe.
 */
public final class DigestMessage {
  static {
    // Jakarta Mail finds its stream provider anew for every body part and encoder it makes: by
    // ServiceLoader (reading the class path's jars: a third of the cost of a digest), unless this
    // property names the class. Angus Mail's is the one the class path has.
    String provider = "jakarta.mail.util.StreamProvider";
    String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
    if (System.getProperty(provider) == null) {
      try {
        Class.forName(angus, false, DigestMessage.class.getClassLoader());
        System.setProperty(provider, angus);
      } catch (ClassNotFoundException | LinkageError e) {
        // another implementation: found the slow way
      }
    }
  }

  /**
   * Sessions only carry settings to the messages made with them; made once, as each new Session
   * reads the class path for mail providers (most of the cost of assembling a message).
   */
  private static final Session PLAIN_SESSION = Session.getInstance(new Properties());
  /** Headers in raw UTF-8 (RFC 6532), as an internationalized address must be written. */
  private static final Session UTF8_SESSION = utf8Session();

  private final InternetAddress from;
  private final String idDomain;
  private final DigestRenderer renderer;

  /**
   * @param from the From header, e.g. "papersift &lt;digest@papers.example.org&gt;" (see {@link
   *     MailSettings#from()}); its domain names the Message-IDs
   */
  public DigestMessage(String from, DigestRenderer renderer) {
    this.from = MailSettings.fromAddress(from);
    this.idDomain = EmailAddresses.withAsciiDomain(this.from.getAddress())
        .replaceFirst(".*@", "");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  /** The digest for {@code key}, rendered from {@code content}, dated {@code date}. */
  public OutboxMessage compose(OutboxKey key, DigestContent content, Instant date) {
    return compose(key, content.recipient(), renderer.subject(content), renderer.text(content),
        renderer.html(content), content.unsubscribeUrl(), date);
  }

  /**
   * Any message papersift sends (a digest, a confirm mail): text and HTML of the same content.
   *
   * @param unsubscribeUrl the one-click unsubscribe link, or null for mails that are not part of
   *     a subscription's stream (a confirm mail)
   */
  public OutboxMessage compose(OutboxKey key, String recipient, String subject, String text,
      String html, URI unsubscribeUrl, Instant date) {
    String to = EmailAddresses.withAsciiDomain(EmailAddresses.normalize(recipient));
    String id = messageId(key, idDomain);
    boolean utf8 = !EmailAddresses.hasAsciiLocalPart(to);
    String oneLineSubject = DigestRenderer.oneLine(subject);
    try {
      MimeMessage m = new FixedIdMessage(utf8 ? UTF8_SESSION : PLAIN_SESSION, id);
      m.setFrom(from);
      // not new InternetAddress(to): its check refuses UTF-8 local parts unless a JVM-wide system
      // property is set; EmailAddresses has checked the address already
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, null, "UTF-8"));
      m.setSubject(oneLineSubject, "UTF-8");
      m.setSentDate(Date.from(date));
      if (unsubscribeUrl != null) {
        m.setHeader("List-Unsubscribe", "<" + unsubscribeUrl.toASCIIString() + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      m.setHeader("Auto-Submitted", "auto-generated");
      MimeBodyPart plain = new MimeBodyPart();
      plain.setText(text, "UTF-8", "plain");
      plain.setHeader("Content-Transfer-Encoding", transferEncoding(text));
      MimeBodyPart rich = new MimeBodyPart();
      rich.setText(html, "UTF-8", "html");
      rich.setHeader("Content-Transfer-Encoding", transferEncoding(html));
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(plain);
      alternative.addBodyPart(rich);
      m.setContent(alternative);
      m.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream(32_768);
      m.writeTo(out);
      return new OutboxMessage(key, to, id, oneLineSubject, out.toByteArray());
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot assemble the message " + key + " to " + to, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the message " + key, e);
    }
  }

  /**
   * The transfer encoding of a text part, chosen as Jakarta Mail would (7bit for ASCII in short
   * lines, base64 when much of it is not ASCII, quoted-printable otherwise) but from the string:
   * left to Jakarta, it writes the whole part through a checking stream for each part, twice,
   * which cost more than encoding it.
   */
  static String transferEncoding(String content) {
    int nonAscii = 0;
    int line = 0;
    boolean longLine = false;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '\n' || c == '\r') {
        line = 0;
      } else if (++line > 998) {
        longLine = true;
      }
      if (c >= 0x7f || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        nonAscii++;
      }
    }
    if (nonAscii == 0 && !longLine) {
      return "7bit";
    }
    return nonAscii * 3 > content.length() ? "base64" : "quoted-printable";
  }

  /**
   * The Message-ID for an outbox key: {@code <kind.HASH@domain>} with the first 128 bits of the
   * key's SHA-256 in hex. The same key gives the same id on every attempt; the subscriber id does
   * not show.
   */
  public static String messageId(OutboxKey key, String domain) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(key.text().getBytes(StandardCharsets.UTF_8));
      return "<" + key.kind() + "." + HexFormat.of().formatHex(hash, 0, 16) + "@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * Reads stored message bytes back (for sending, previews and tests). UTF-8 headers are read as
   * UTF-8; the message is not changed, so writing it again gives the same bytes.
   */
  public static MimeMessage parse(byte[] eml) {
    try {
      return new MimeMessage(UTF8_SESSION, new ByteArrayInputStream(eml));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("not a readable message: " + e.getMessage(), e);
    }
  }

  private static Session utf8Session() {
    Properties props = new Properties();
    props.setProperty("mail.mime.allowutf8", "true");
    return Session.getInstance(props);
  }

  /** A message whose Message-ID is ours: saveChanges() would otherwise make a random one. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
