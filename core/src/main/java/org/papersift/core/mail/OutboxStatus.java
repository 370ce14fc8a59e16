package org.papersift.core.mail;

import java.util.Locale;

/**
 * Where an outbox row stands. {@code PLANNED → SENDING → SENT}; a failed attempt goes back to
 * {@code PLANNED} with a later next attempt, until the retry policy gives up ({@code FAILED}); a
 * permanent refusal of the recipient is {@code BOUNCED}. {@code FAILED} and {@code BOUNCED} are
 * kept and counted for the admin: nothing is dropped silently. A row still planned when its
 * subscriber unsubscribes is {@code CANCELLED} (kept and counted too).
 */
public enum OutboxStatus {
  PLANNED,
  SENDING,
  SENT,
  FAILED,
  BOUNCED,
  CANCELLED;

  /** The name stored: "planned", "sending", ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OutboxStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
