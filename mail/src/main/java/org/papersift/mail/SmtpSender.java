package org.papersift.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.core.mail.MailDeliveryException;
import org.papersift.core.mail.MailDeliveryException.Kind;
import org.papersift.core.mail.MailTransport;

/**
 * Sends stored messages over SMTP with Angus Mail, one recipient each, and says what a failure
 * means ({@link MailDeliveryException.Kind}):
 *
 * <ul>
 *   <li>connection refused, timed out or dropped (also mid-DATA), TLS or sign-in failed, the
 *       sender refused, 421: {@code UNAVAILABLE} (retry later, stop the round);
 *   <li>4xx to the recipient or the data: {@code DEFERRED} (retry this one later);
 *   <li>5xx to the recipient (550 user unknown) or the data (554 refused): {@code REJECTED} (a
 *       bounce); also a UTF-8 local part when the server does not offer SMTPUTF8;
 *   <li>bytes that are not a message: {@code INVALID}.
 * </ul>
 *
 * <p>The stored bytes go out as they are: the message is parsed and written back unchanged (no
 * {@code saveChanges}, which would make a new Message-ID), and 8-bit conversion is off.
 *
 * <p>Owns one SMTP connection, opened at the first send and kept for the next ones (a round of
 * digests costs one handshake); closed after any failure, so a connection in an unknown state is
 * never reused, and by {@link #close}. Not thread-safe: one delivery worker owns a sender.
 */
public final class SmtpSender implements MailTransport {
  private final MailSettings settings;
  private final Session plain;
  private final Session utf8;
  private SMTPTransport transport;
  private boolean transportUtf8;

  public SmtpSender(MailSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.plain = Session.getInstance(properties(settings));
    Properties withUtf8 = properties(settings);
    // Offer SMTPUTF8 (Angus adds it to MAIL FROM when the server has it) and write the UTF-8
    // address as it is. Only for such recipients: Angus logs a line on every connection to a
    // server without SMTPUTF8 when this is set.
    withUtf8.setProperty("mail.mime.allowutf8", "true");
    this.utf8 = Session.getInstance(withUtf8);
  }

  /** The Angus session properties for these settings. */
  static Properties properties(MailSettings s) {
    Properties p = new Properties();
    String protocol = s.security() == MailSettings.Security.TLS ? "smtps" : "smtp";
    String prefix = "mail." + protocol + ".";
    p.setProperty("mail.transport.protocol", protocol);
    p.setProperty(prefix + "host", s.host());
    p.setProperty(prefix + "port", Integer.toString(s.port()));
    p.setProperty(prefix + "connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
    p.setProperty(prefix + "timeout", Long.toString(s.readTimeout().toMillis()));
    p.setProperty(prefix + "writetimeout", Long.toString(s.writeTimeout().toMillis()));
    p.setProperty(prefix + "from", s.envelopeFrom());
    p.setProperty(prefix + "localhost", s.heloName());
    p.setProperty(prefix + "auth", Boolean.toString(s.username() != null));
    if (s.security() == MailSettings.Security.STARTTLS) {
      p.setProperty(prefix + "starttls.enable", "true");
      p.setProperty(prefix + "starttls.required", "true");
    }
    if (s.security() != MailSettings.Security.NONE) {
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    return p;
  }

  @Override
  public void send(String recipient, byte[] eml) {
    Objects.requireNonNull(recipient, "recipient");
    MimeMessage message = readable(eml);
    InternetAddress to = envelopeRecipient(recipient);
    boolean needsUtf8 = !EmailAddresses.hasAsciiLocalPart(recipient);
    try {
      SMTPTransport t = connected(needsUtf8);
      if (needsUtf8 && !t.supportsExtension("SMTPUTF8")) {
        throw new MailDeliveryException(Kind.REJECTED, 0, settings.host() + " does not accept"
            + " internationalized addresses (no SMTPUTF8), so " + recipient + " cannot be"
            + " reached through it", null);
      }
      t.sendMessage(message, new Address[] {to});
    } catch (MessagingException e) {
      closeQuietly();
      throw classify(e, recipient);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /** The stored bytes as a message, if they are one of ours (a Message-ID and a From). */
  private static MimeMessage readable(byte[] eml) {
    try {
      MimeMessage message = DigestMessage.parse(eml);
      if (message.getMessageID() == null || message.getHeader("From") == null) {
        throw new MailDeliveryException(Kind.INVALID, 0, "the stored message has no Message-ID"
            + " or no From: it was not made by DigestMessage, and is not sent", null);
      }
      return message;
    } catch (IllegalArgumentException | MessagingException e) {
      throw new MailDeliveryException(Kind.INVALID, 0, "the stored message cannot be read"
          + " (Message-ID, From): " + e.getMessage(), e);
    }
  }

  private InternetAddress envelopeRecipient(String recipient) {
    String ascii;
    try {
      ascii = EmailAddresses.withAsciiDomain(EmailAddresses.normalize(recipient));
    } catch (IllegalArgumentException e) {
      throw new MailDeliveryException(Kind.REJECTED, 0, e.getMessage(), e);
    }
    try {
      // no syntax check here: InternetAddress's refuses UTF-8 local parts (EmailAddresses checked)
      return new InternetAddress(ascii, null, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private SMTPTransport connected(boolean needsUtf8) throws MessagingException {
    if (transport != null && transportUtf8 == needsUtf8 && transport.isConnected()) {
      return transport;
    }
    closeQuietly();
    SMTPTransport t = (SMTPTransport) (needsUtf8 ? utf8 : plain).getTransport();
    transportUtf8 = needsUtf8;
    if (settings.username() != null) {
      t.connect(settings.host(), settings.port(), settings.username(), settings.password());
    } else {
      t.connect();
    }
    transport = t;
    return t;
  }

  /** What a failure of Angus means; the message names the server and, if any, its reply. */
  private MailDeliveryException classify(MessagingException e, String recipient) {
    String where = settings.host() + ":" + settings.port();
    // Angus reports a refused recipient or sender inside a SendFailedException: the specific
    // exception with the reply code is down the chain of next exceptions.
    List<Exception> chain = new ArrayList<>();
    for (Exception x = e; x != null && chain.size() < 10;
        x = x instanceof MessagingException m ? m.getNextException() : null) {
      chain.add(x);
    }
    for (Exception x : chain) {
      if (x instanceof SMTPAddressFailedException a) {
        int code = a.getReturnCode();
        Kind kind = code == 421 || code < 400 ? Kind.UNAVAILABLE
            : code < 500 ? Kind.DEFERRED : Kind.REJECTED;
        return new MailDeliveryException(kind, code, where + " refused the recipient "
            + recipient + ": " + reply(a.getMessage()), e);
      }
    }
    for (Exception x : chain) {
      int code = x instanceof SMTPSenderFailedException s ? s.getReturnCode()
          : x instanceof SMTPSendFailedException f && f.getCommand() != null
              && f.getCommand().startsWith("MAIL") ? f.getReturnCode() : -1;
      if (code != -1) {
        return new MailDeliveryException(Kind.UNAVAILABLE, code, where + " refused the sender "
            + settings.envelopeFrom() + " (check PAPERSIFT_MAIL_FROM and the account): "
            + reply(x.getMessage()), e);
      }
    }
    for (Exception x : chain) {
      if (x instanceof SMTPSendFailedException f) {
        int code = f.getReturnCode();
        if (code >= 500 && code < 600) {
          return new MailDeliveryException(Kind.REJECTED, code, where + " refused the message"
              + " to " + recipient + ": " + reply(f.getMessage()), e);
        }
        if (code >= 400 && code < 500 && code != 421) {
          return new MailDeliveryException(Kind.DEFERRED, code, where + " deferred the message"
              + " to " + recipient + ": " + reply(f.getMessage()), e);
        }
        return new MailDeliveryException(Kind.UNAVAILABLE, Math.max(code, 0), where
            + " failed while taking the message" + (code > 0 ? "" : " (connection lost)") + ": "
            + reply(f.getMessage()), e);
      }
    }
    if (e instanceof AuthenticationFailedException) {
      return new MailDeliveryException(Kind.UNAVAILABLE, 0, where + " refused the sign-in of "
          + settings.username() + " (check PAPERSIFT_SMTP_USERNAME and PAPERSIFT_SMTP_PASSWORD): "
          + reply(e.getMessage()), e);
    }
    if (e instanceof MailConnectException) {
      return new MailDeliveryException(Kind.UNAVAILABLE, 0, "cannot connect to " + where + ": "
          + rootMessage(e), e);
    }
    if (e instanceof SendFailedException) {
      return new MailDeliveryException(Kind.UNAVAILABLE, 0, where + " did not take the message"
          + " to " + recipient + ": " + rootMessage(e), e);
    }
    return new MailDeliveryException(Kind.UNAVAILABLE, 0, "sending through " + where
        + " failed: " + rootMessage(e), e);
  }

  private static String reply(String serverMessage) {
    return serverMessage == null ? "no reply" : serverMessage.strip();
  }

  /** The innermost message (the IOException of a dropped connection says more than Angus's). */
  private static String rootMessage(Throwable e) {
    String text = String.valueOf(e.getMessage()).strip();
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof IOException || c.getCause() == null) {
        text = text + " (" + c.getClass().getSimpleName() + ": " + c.getMessage() + ")";
        break;
      }
    }
    return text;
  }

  private void closeQuietly() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException | RuntimeException ignored) {
        // the connection is gone either way; the failure that led here is the one reported
      }
      transport = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
