/**
 * Mail delivery: {@link org.papersift.app.mail.DigestSender} takes messages from the store's
 * outbox and hands them to a mail transport (SMTP), one claim at a time, so that a message is
 * sent once even when the process is killed at any point. Planning digests into the outbox (the
 * scheduler) and the commands that run the sender come later.
 */
package org.papersift.app.mail;
