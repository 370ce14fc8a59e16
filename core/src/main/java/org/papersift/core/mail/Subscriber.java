package org.papersift.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone who asked for digests by email; may or may not have an account.
 *
 * @param email as typed (NFC-normalized); unique regardless of case
 * @param userId the account it belongs to, or null for an anonymous subscriber (trending only)
 * @param confirmedAt when the confirm link was followed, or null
 * @param unsubscribedAt when the subscriber left, or null
 * @param lastDigestPeriod the period of the last digest planned for them (see {@link
 *     Cadence#period}), or null before the first
 * @param sendEmpty whether they want a digest even when no section has a paper (default: no)
 */
public record Subscriber(long id, String email, Long userId, SubscriberStatus status,
    DigestSchedule schedule, Instant createdAt, Instant confirmedAt, Instant unsubscribedAt,
    String lastDigestPeriod, boolean sendEmpty) {
  public Subscriber {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A subscriber who does not want empty digests (the default). */
  public Subscriber(long id, String email, Long userId, SubscriberStatus status,
      DigestSchedule schedule, Instant createdAt, Instant confirmedAt, Instant unsubscribedAt,
      String lastDigestPeriod) {
    this(id, email, userId, status, schedule, createdAt, confirmedAt, unsubscribedAt,
        lastDigestPeriod, false);
  }

  public boolean active() {
    return status == SubscriberStatus.ACTIVE;
  }
}
