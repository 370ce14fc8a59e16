/**
 * Mail: subscribers and their digest schedule, topic alerts, the outbox's rows and rules (keys,
 * statuses, retry backoff), signed links for confirming and unsubscribing, email address checks,
 * and the {@link org.papersift.core.mail.MailTransport} port that sends a stored message. JDK only:
 * the SQLite tables are in {@code store}, MIME and SMTP in {@code mail}.
 */
package org.papersift.core.mail;
