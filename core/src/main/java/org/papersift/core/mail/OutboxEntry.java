package org.papersift.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the outbox as read back.
 *
 * @param attempts how many times the row was claimed for sending; a claim is identified by the
 *     row and this number (a sender reports the outcome of its own claim only)
 * @param nextAttemptAt when a planned row is due
 * @param claimedUntil while sending: when the sender's lease ends and another sender may take the
 *     row over (the first one is presumed dead); null otherwise
 * @param lastError the last failure, in words, or null
 * @param sentAt when the server accepted the message, or null
 */
public record OutboxEntry(long id, OutboxMessage message, OutboxStatus status, int attempts,
    Instant nextAttemptAt, Instant claimedUntil, String lastError, Instant createdAt,
    Instant sentAt) {
  public OutboxEntry {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public OutboxKey key() {
    return message.key();
  }
}
