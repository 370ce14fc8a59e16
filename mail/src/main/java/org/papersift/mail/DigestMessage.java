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
    Properties props = new Properties();
    if (utf8) {
      // headers in raw UTF-8 (RFC 6532), as an internationalized address must be
      props.setProperty("mail.mime.allowutf8", "true");
    }
    String oneLineSubject = DigestRenderer.oneLine(subject);
    try {
      MimeMessage m = new FixedIdMessage(Session.getInstance(props), id);
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
      MimeBodyPart rich = new MimeBodyPart();
      rich.setText(html, "UTF-8", "html");
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
    Properties props = new Properties();
    props.setProperty("mail.mime.allowutf8", "true");
    try {
      return new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(eml));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("not a readable message: " + e.getMessage(), e);
    }
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
