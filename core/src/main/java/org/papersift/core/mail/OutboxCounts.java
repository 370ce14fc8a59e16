package org.papersift.core.mail;

/**
 * Rows of the outbox by status, for {@code papersift digest status} and the admin page.
 *
 * @param due planned rows whose next attempt has come (a subset of {@code planned})
 */
public record OutboxCounts(int planned, int due, int sending, int sent, int failed, int bounced,
    int cancelled) {
  /** Rows that still need a sender. */
  public int pending() {
    return planned + sending;
  }

  /** Rows that need the admin: given up on, or refused by the recipient's server. */
  public int problems() {
    return failed + bounced;
  }
}
