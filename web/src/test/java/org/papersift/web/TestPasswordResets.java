package org.papersift.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.papersift.core.account.Credentials;
import org.papersift.core.account.UserStore;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.LinkTokens.Purpose;

/**
 * Password resets in memory for web tests, with the real signed tokens ({@link LinkTokens}, bound
 * to the password hash) over the test's user store: "mails" are recorded as (address, token),
 * and every request is recorded, whether or not the address has an account.
 */
final class TestPasswordResets implements PasswordResets {
  /** A reset mail the app would have sent. */
  record Mail(String email, String token) {}

  final List<String> requested = new CopyOnWriteArrayList<>();
  final List<Mail> mails = new CopyOnWriteArrayList<>();
  volatile boolean mailEnabled = true;
  private final UserStore users;
  private final LinkTokens tokens =
      new LinkTokens("a test secret of at least 32 bytes, for links".getBytes());
  private volatile Clock clock = Clock.systemUTC();

  TestPasswordResets(UserStore users) {
    this.users = users;
  }

  /** The clock tokens are issued and checked by (the site's, for moving it). */
  void clock(Clock clock) {
    this.clock = clock;
  }

  /** A token issued now for the account with this address. */
  String tokenFor(String email) {
    Credentials c = users.credentials(email).orElseThrow();
    return tokens.issueBound(Purpose.PASSWORD_RESET, c.user().id(), c.passwordHash(),
        clock.instant());
  }

  /** A token of another purpose (a digest confirm link) for the account's id. */
  String confirmTokenFor(String email) {
    return tokens.issue(Purpose.CONFIRM, users.credentials(email).orElseThrow().user().id(),
        clock.instant());
  }

  @Override
  public boolean mailEnabled() {
    return mailEnabled;
  }

  @Override
  public void request(String email) {
    requested.add(email);
    users.credentials(email).ifPresent(c -> mails.add(new Mail(email, tokenFor(email))));
  }

  @Override
  public LinkCheck check(String token) {
    return verify(token, null);
  }

  @Override
  public LinkCheck reset(String token, String newPasswordHash) {
    return verify(token, newPasswordHash);
  }

  private LinkCheck verify(String token, String newHash) {
    Instant now = clock.instant();
    LinkTokens.Check check = tokens.checkBound(token, Purpose.PASSWORD_RESET,
        id -> users.credentialsOf(id).map(Credentials::passwordHash).orElse(null), now);
    if (!(check instanceof LinkTokens.Valid valid)) {
      return LinkCheck.fails(((LinkTokens.Rejected) check).reason().message());
    }
    Optional<Credentials> c = users.credentialsOf(valid.id());
    if (c.isEmpty()) {
      return LinkCheck.fails(LinkTokens.Reason.SUPERSEDED.message());
    }
    if (newHash != null
        && !users.resetPassword(valid.id(), c.get().passwordHash(), newHash)) {
      return LinkCheck.fails(LinkTokens.Reason.SUPERSEDED.message());
    }
    return LinkCheck.works(c.get().user());
  }
}
