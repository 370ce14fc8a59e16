package org.papersift.core.mail;

import java.util.Objects;

/**
 * A message was not accepted, and whether trying again can help. The message names the server's
 * reply or the connection's failure; the cause is kept.
 */
public class MailDeliveryException extends RuntimeException {
  /** What a failure means for this message and for the others waiting. */
  public enum Kind {
    /**
     * The server could not be reached or used: refused, timed out, dropped the connection, refused
     * the sign-in or the sender, or answered 421. Retry later; the next messages would fail the
     * same way now, so a worker stops its round.
     */
    UNAVAILABLE,
    /** The server refused this message for now (a 4xx reply to the recipient or the data). */
    DEFERRED,
    /**
     * The server refused the recipient or the message for good (a 5xx reply to RCPT or DATA), or
     * the address cannot be carried (a UTF-8 local part to a server without SMTPUTF8): a bounce.
     */
    REJECTED,
    /** The stored message itself cannot be sent (unreadable); retrying sends the same bytes. */
    INVALID;

    public boolean retryable() {
      return this == UNAVAILABLE || this == DEFERRED;
    }
  }

  private final Kind kind;
  private final int replyCode;

  /**
   * @param replyCode the SMTP reply code behind the failure, or 0 when there was none
   */
  public MailDeliveryException(Kind kind, int replyCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.replyCode = replyCode;
  }

  public Kind kind() {
    return kind;
  }

  /** The SMTP reply code behind the failure, or 0 when there was none (no connection, ...). */
  public int replyCode() {
    return replyCode;
  }
}
