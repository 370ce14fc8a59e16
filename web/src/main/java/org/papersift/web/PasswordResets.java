package org.papersift.web;

import java.util.Objects;
import org.papersift.core.account.User;

/**
 * What the site needs for "Forgot your password?": mail a reader a signed link, check such a
 * link, and use it once. The app implements it over the store, the outbox and the signed links
 * ({@code LinkTokens}). Thread-safe.
 */
public interface PasswordResets {
  /** Whether the site sends mail (SMTP configured); without it, readers must ask the operator. */
  boolean mailEnabled();

  /**
   * Mails a link to choose a new password to the account with this address, if there is one.
   * Returns at once and the same way for every address: the lookup and the mail happen off the
   * request's thread, so neither the answer nor its timing tells whether the account exists.
   * Does nothing when mail is off.
   */
  void request(String email);

  /** The account a reset link's token is for, or why the link does not work. */
  LinkCheck check(String token);

  /**
   * Uses a reset link: when it still works, sets the new password hash and ends every session of
   * the account, in one step, so the link (and every older one) stops working.
   *
   * @return the account, or why the link does not work (any more)
   */
  LinkCheck reset(String token, String newPasswordHash);

  /**
   * A reset link checked: the account it is for, or the problem in words for the reader.
   *
   * @param user the account; null when the link does not work
   * @param problem why the link does not work; null when it does
   */
  record LinkCheck(User user, String problem) {
    public LinkCheck {
      if ((user == null) == (problem == null)) {
        throw new IllegalArgumentException("a link check has an account or a problem");
      }
    }

    public static LinkCheck works(User user) {
      return new LinkCheck(Objects.requireNonNull(user, "user"), null);
    }

    public static LinkCheck fails(String problem) {
      return new LinkCheck(null, Objects.requireNonNull(problem, "problem"));
    }

    public boolean ok() {
      return user != null;
    }
  }
}
