package org.papersift.core.mail;

import java.util.Objects;

/**
 * A message ready for the outbox: the exact bytes that will go over SMTP (an RFC 5322 message,
 * headers and MIME body), so every attempt sends the same message, and a preview shows it.
 *
 * @param recipient the envelope recipient (RCPT TO), domain in ASCII
 * @param messageId the Message-ID header inside {@code eml}, angle brackets included
 * @param subject for the admin's lists; the header inside {@code eml} is what is sent
 */
public record OutboxMessage(OutboxKey key, String recipient, String messageId, String subject,
    byte[] eml) {
  public OutboxMessage {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(subject, "subject");
    eml = Objects.requireNonNull(eml, "eml").clone();
    if (eml.length == 0) {
      throw new IllegalArgumentException("the message of " + key + " is empty");
    }
  }

  /** A copy of the message bytes. */
  @Override
  public byte[] eml() {
    return eml.clone();
  }
}
