package org.papersift.core.mail;

import java.util.Locale;

/**
 * Where a subscription stands. Double opt-in: a new address is {@link #PENDING} until its owner
 * follows the signed confirm link; only {@link #ACTIVE} subscribers get digests.
 */
public enum SubscriberStatus {
  PENDING,
  ACTIVE,
  UNSUBSCRIBED;

  /** The name stored: "pending", "active" or "unsubscribed". */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SubscriberStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
