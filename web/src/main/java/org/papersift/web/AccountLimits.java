package org.papersift.web;

import java.time.Duration;

/**
 * Limits on guessing and sign-up floods, and whom to believe about a client's address.
 *
 * @param signInFailuresPerEmail failed sign-ins (and failed password checks on the account page)
 *     allowed per email address
 * @param signInFailuresPerClient failed sign-ins allowed per client address
 * @param signUpsPerClient sign-ups allowed per client address
 * @param maxTrackedKeys how many emails or addresses each limiter remembers; the least recently
 *     seen are forgotten first, so memory stays bounded under a flood
 * @param trustForwardedFor take the client address from the last {@code X-Forwarded-For} entry
 *     (the one a reverse proxy in front appended) instead of the connection's; only set this when
 *     every request comes through such a proxy, since clients can send the header themselves
 */
public record AccountLimits(Rate signInFailuresPerEmail, Rate signInFailuresPerClient,
    Rate signUpsPerClient, int maxTrackedKeys, boolean trustForwardedFor) {

  /** 10 failed sign-ins per 15 minutes per email, 50 per client, 10 sign-ups per hour. */
  public static final AccountLimits DEFAULTS = new AccountLimits(
      new Rate(10, Duration.ofMinutes(15)), new Rate(50, Duration.ofMinutes(15)),
      new Rate(10, Duration.ofHours(1)), 100_000, false);

  public AccountLimits {
    if (signInFailuresPerEmail == null || signInFailuresPerClient == null
        || signUpsPerClient == null) {
      throw new IllegalArgumentException("every rate limit must be given");
    }
    if (maxTrackedKeys < 1) {
      throw new IllegalArgumentException("maxTrackedKeys must be at least 1");
    }
  }

  public AccountLimits withTrustForwardedFor(boolean trust) {
    return new AccountLimits(signInFailuresPerEmail, signInFailuresPerClient, signUpsPerClient,
        maxTrackedKeys, trust);
  }

  /** At most {@code count} events per {@code per}, refilled evenly (a token bucket). */
  public record Rate(int count, Duration per) {
    public Rate {
      if (count < 1 || per == null || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("a rate needs a count >= 1 and a positive period");
      }
    }
  }
}
