/**
 * Mail: the digest as data ({@link org.papersift.mail.DigestContent}), rendered to HTML and plain
 * text from that same data ({@link org.papersift.mail.DigestRenderer}), assembled into the exact
 * MIME message the outbox stores ({@link org.papersift.mail.DigestMessage}), and sent over SMTP
 * ({@link org.papersift.mail.SmtpSender}, configured by {@link org.papersift.mail.MailSettings}).
 * Planning and the delivery loop live in {@code app}, which also owns the store.
 */
package org.papersift.mail;
