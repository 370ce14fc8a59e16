package org.papersift.core.mail;

/**
 * Sends one stored message to one recipient: the port the delivery worker sends through.
 * Implementations: {@code org.papersift.mail.SmtpSender} (SMTP); a preview or dry run writes the
 * bytes to a file instead.
 *
 * <p>Not required to be thread-safe: one worker owns a transport and closes it when done (an SMTP
 * transport may keep its connection open between messages).
 */
public interface MailTransport extends AutoCloseable {
  /**
   * Hands {@code eml} (the exact message bytes, headers included) to the next hop for {@code
   * recipient}. Returns when the server has accepted it.
   *
   * @throws MailDeliveryException when it was not accepted; its {@link
   *     MailDeliveryException#kind()} says whether to retry
   */
  void send(String recipient, byte[] eml);

  /** Lets go of any connection; safe to call twice. */
  @Override
  void close();
}
