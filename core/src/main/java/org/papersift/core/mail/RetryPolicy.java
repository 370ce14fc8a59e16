package org.papersift.core.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How long to wait after a failed attempt before the next, and when to give up. The default waits
 * 1 min, 5 min, 30 min, 2 h and 6 h: a server restart costs a minute, an outage of an evening is
 * bridged, and after 6 attempts (about 8.5 hours) the row is marked failed for the admin, while the
 * digest is still about the day it was planned for.
 *
 * @param delays the wait after the 1st, 2nd, ... failed attempt; one more attempt than delays
 */
public record RetryPolicy(List<Duration> delays) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(List.of(Duration.ofMinutes(1),
      Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6)));

  public RetryPolicy {
    delays = List.copyOf(delays);
    for (Duration d : delays) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("retry delays must not be negative, got " + delays);
      }
    }
  }

  /** Attempts before a row is given up on. */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /**
   * When to try again after the {@code attemptsMade}-th attempt failed at {@code failedAt}, or
   * empty when that was the last one.
   */
  public Optional<Instant> nextAttempt(int attemptsMade, Instant failedAt) {
    if (attemptsMade < 1) {
      throw new IllegalArgumentException("attempts made: expected at least 1, got "
          + attemptsMade);
    }
    return attemptsMade > delays.size() ? Optional.empty()
        : Optional.of(failedAt.plus(delays.get(attemptsMade - 1)));
  }
}
