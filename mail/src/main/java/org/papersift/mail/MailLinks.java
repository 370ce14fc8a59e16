package org.papersift.mail;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.LinkTokens.Purpose;

/**
 * The signed links papersift puts in mails, built in one place: {@value #CONFIRM_PATH}, {@value
 * #UNSUBSCRIBE_PATH} and {@value #RESET_PATH} on the site, each with a {@code token} parameter
 * from {@link LinkTokens}. The site serves both paths: GET shows a page with a button, and POST acts, which is
 * also what a mail client's one-click unsubscribe sends (RFC 8058: a POST with the body
 * {@code List-Unsubscribe=One-Click}, no cookie, no CSRF token: the signed token is the proof).
 *
 * <p>Immutable and thread-safe.
 */
public final class MailLinks {
  public static final String CONFIRM_PATH = "/subscribe/confirm";
  public static final String UNSUBSCRIBE_PATH = "/unsubscribe";
  public static final String RESET_PATH = "/account/reset";

  private final URI siteUrl;
  private final LinkTokens tokens;

  /** @param siteUrl the site's public base URL, e.g. https://papers.example.org */
  public MailLinks(URI siteUrl, LinkTokens tokens) {
    this.siteUrl = Objects.requireNonNull(siteUrl, "siteUrl");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** The double opt-in link; valid for {@link Purpose#CONFIRM}'s lifetime from {@code now}. */
  public URI confirm(long subscriberId, Instant now) {
    return link(CONFIRM_PATH, tokens.issue(Purpose.CONFIRM, subscriberId, now));
  }

  /**
   * The one-click unsubscribe link of every digest and of its List-Unsubscribe header; valid for
   * {@link Purpose#UNSUBSCRIBE}'s lifetime from {@code now}.
   */
  public URI unsubscribe(long subscriberId, Instant now) {
    return link(UNSUBSCRIBE_PATH, tokens.issue(Purpose.UNSUBSCRIBE, subscriberId, now));
  }

  /**
   * The "choose a new password" link of an account: valid for {@link Purpose#PASSWORD_RESET}'s
   * lifetime from {@code now}, and only while the account's password hash is {@code
   * passwordHash} (so it works once).
   */
  public URI passwordReset(long userId, String passwordHash, Instant now) {
    return link(RESET_PATH, tokens.issueBound(Purpose.PASSWORD_RESET, userId, passwordHash, now));
  }

  private URI link(String path, String token) {
    // tokens are base64url: nothing to encode
    return DigestPaper.site(siteUrl, path + "?token=" + token);
  }
}
