package org.papersift.app.account;

import java.net.URI;
import java.time.Instant;
import org.papersift.core.account.Credentials;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.DigestRenderer;
import org.papersift.mail.MailLinks;
import org.papersift.mail.ResetContent;

/**
 * The "choose a new password" mail: the account's signed reset link (an hour, bound to the
 * password hash). A transactional mail, not part of any subscription: no List-Unsubscribe. Its
 * outbox key is (account, {@value OutboxKey#PASSWORD_RESET}, the request's epoch second), so each
 * request makes its own mail and the outbox's per-account limit decides how many go out.
 */
public final class ResetMail {
  private ResetMail() {}

  public static OutboxKey key(long userId, Instant now) {
    return new OutboxKey(userId, OutboxKey.PASSWORD_RESET, Long.toString(now.getEpochSecond()));
  }

  /** The reset link of the account as its password hash is now, valid for an hour. */
  public static URI link(Credentials account, MailLinks links, Instant now) {
    return links.passwordReset(account.user().id(), account.passwordHash(), now);
  }

  /** The reset mail to the account's address. */
  public static OutboxMessage compose(Credentials account, MailLinks links,
      DigestMessage messages, DigestRenderer renderer, URI siteUrl, Instant now) {
    ResetContent content = new ResetContent(account.user().email(), siteUrl.getHost(),
        link(account, links, now), LinkTokens.Purpose.PASSWORD_RESET.lifetime().toMinutes());
    return messages.compose(key(account.user().id(), now), account.user().email(),
        ResetContent.SUBJECT, renderer.resetText(content), renderer.resetHtml(content), null,
        now);
  }
}
