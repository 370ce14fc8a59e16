package org.papersift.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the outbox as read back, without the message bytes (see {@link OutboxClaim}).
 *
 * @param recipient the envelope recipient, domain in ASCII
 * @param messageId the Message-ID inside the stored message
 * @param attempts how many times the row was claimed for sending; a claim is identified by the
 *     row and this number, so a sender reports the outcome of its own claim only
 * @param nextAttemptAt when a planned row is due
 * @param claimedUntil while sending: when the sender's lease ends and another sender may take the
 *     row over (the first one is presumed dead); null otherwise
 * @param lastError the last failure, in words, or null
 * @param sentAt when the server accepted the message, or null
 */
public record OutboxEntry(long id, OutboxKey key, String recipient, String messageId,
    String subject, OutboxStatus status, int attempts, Instant nextAttemptAt,
    Instant claimedUntil, String lastError, Instant createdAt, Instant sentAt) {
  public OutboxEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
