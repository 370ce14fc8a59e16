package org.papersift.core.mail;

import java.util.Objects;

/**
 * A row a sender has claimed (status sending, under a lease), with the exact bytes to send. The
 * sender reports the outcome with this claim; a report for a claim that has since been taken over
 * changes nothing that the newer claim decides.
 */
public record OutboxClaim(OutboxEntry entry, byte[] eml) {
  public OutboxClaim {
    Objects.requireNonNull(entry, "entry");
    eml = Objects.requireNonNull(eml, "eml").clone();
  }

  /** A copy of the message bytes. */
  @Override
  public byte[] eml() {
    return eml.clone();
  }

  public long id() {
    return entry.id();
  }

  /** This claim's attempt number (1 for the first). */
  public int attempt() {
    return entry.attempts();
  }
}
