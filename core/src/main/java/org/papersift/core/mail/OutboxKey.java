package org.papersift.core.mail;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes two outbox rows the same message: recipient, kind and period. The outbox keeps one
 * row per key (a unique column), so planning the same digest twice, from two processes or after a
 * crash, creates nothing new; and the Message-ID is derived from the key, so a resend of the same
 * row carries the same id.
 *
 * <p>Most mail goes to a digest subscriber; mail about an account itself (a password reset link)
 * goes to the account, whether or not it subscribes to anything: {@link #toAccount()}.
 *
 * @param recipientId the subscriber, or for the kinds {@link #toAccount()} the account (user id)
 * @param kind what is sent, lower case: "digest", "confirm", ...
 * @param period which one of its kind: a {@link Cadence#period} for digests, any stable text
 *     otherwise
 */
public record OutboxKey(long recipientId, String kind, String period) {
  public static final String DIGEST = "digest";
  /** The "choose a new password" link, to an account. */
  public static final String PASSWORD_RESET = "password-reset";
  private static final Set<String> ACCOUNT_KINDS = Set.of(PASSWORD_RESET);
  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern PERIOD = Pattern.compile("[A-Za-z0-9:._-]{1,64}");

  public OutboxKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(period, "period");
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("outbox kind: expected lower-case letters, digits and -,"
          + " got \"" + kind + "\"");
    }
    if (!PERIOD.matcher(period).matches()) {
      throw new IllegalArgumentException("outbox period: expected 1 to 64 letters, digits and"
          + " :._-, got \"" + period + "\"");
    }
  }

  public static OutboxKey digest(long subscriberId, String period) {
    return new OutboxKey(subscriberId, DIGEST, period);
  }

  /** Whether this kind of mail goes to an account rather than to a digest subscriber. */
  public boolean toAccount() {
    return ACCOUNT_KINDS.contains(kind);
  }

  /** The stored unique form, "recipient|kind|period" (neither part can hold a "|"). */
  public String text() {
    return recipientId + "|" + kind + "|" + period;
  }

  /** The inverse of {@link #text()}. */
  public static OutboxKey parse(String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("outbox key: expected subscriber|kind|period, got \""
          + text + "\"");
    }
    try {
      return new OutboxKey(Long.parseLong(parts[0]), parts[1], parts[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("outbox key: the subscriber is not a number in \""
          + text + "\"", e);
    }
  }

  @Override
  public String toString() {
    return text();
  }
}
