package org.papersift.app.site;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.papersift.app.Papersift;
import org.papersift.app.account.ResetMail;
import org.papersift.app.digest.DigestPlanner;
import org.papersift.app.digest.DigestSettings;
import org.papersift.core.account.Credentials;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.LinkTokens.Purpose;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.DigestRenderer;
import org.papersift.mail.MailLinks;
import org.papersift.store.Outbox;
import org.papersift.web.PasswordResets;

/**
 * "Forgot your password?" over an open data directory: reset mails planned into the outbox, reset
 * links ({@link LinkTokens}, bound to the password hash) checked and used against the store. Does
 * not own the data directory. Thread-safe.
 *
 * <p><b>Same answer, same time.</b> {@link #request} only queues the address: a worker thread
 * looks the account up, renders the mail and plans it, so a request for an address with an
 * account takes no longer than one without. The queue holds {@value #MAX_QUEUED} requests; beyond
 * that (a flood the site's rate limits let through) requests are dropped. A request queued when
 * the process dies is lost (the reader asks again); once planned, the mail is the outbox's, with
 * its retries.
 *
 * <p><b>Limits.</b> Besides the site's limits per client and per address (in memory), the outbox
 * plans at most {@value #MAILS_PER_ACCOUNT_PER_HOUR} reset mails per account an hour, checked in
 * the transaction that plans, so the cap also holds across restarts and processes.
 *
 * <p><b>Once.</b> A link is bound to the account's password hash: setting the new password (one
 * compare-and-set in the store, with the end of every session) makes it, and every older link,
 * fail from then on.
 */
public final class SitePasswordResets implements PasswordResets, AutoCloseable {
  public static final int MAILS_PER_ACCOUNT_PER_HOUR = 3;
  static final int MAX_QUEUED = 1_000;

  private final Papersift app;
  private final DigestSettings settings;
  private final LinkTokens tokens;
  private final MailLinks links;
  private final DigestRenderer renderer = new DigestRenderer();
  private final DigestMessage messages;
  private final Clock clock;
  private final ThreadPoolExecutor worker;
  private volatile Runnable onPlanned = () -> { };

  public SitePasswordResets(Papersift app, DigestSettings settings, LinkTokens tokens,
      Clock clock) {
    this.app = Objects.requireNonNull(app, "app");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.links = new MailLinks(settings.siteUrl(), tokens);
    this.messages = new DigestMessage(settings.from(), renderer);
    this.worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(MAX_QUEUED),
        Thread.ofPlatform().daemon().name("password-resets").factory());
    worker.allowCoreThreadTimeOut(true); // no thread kept while nobody forgets a password
  }

  /** Over an open data directory, links signed with its secret. */
  public static SitePasswordResets open(Papersift app, DigestSettings settings, Clock clock) {
    return new SitePasswordResets(app, settings, DigestPlanner.tokens(app), clock);
  }

  /**
   * Runs {@code action} (on the worker thread) after each reset mail is planned: {@code serve}
   * sends the outbox then, rather than at its next round up to a minute later.
   */
  public void onPlanned(Runnable action) {
    this.onPlanned = Objects.requireNonNull(action, "action");
  }

  @Override
  public boolean mailEnabled() {
    return settings.mailEnabled();
  }

  @Override
  public void request(String email) {
    if (!mailEnabled()) {
      return;
    }
    String typed = EmailAddresses.normalize(email);
    try {
      worker.execute(() -> mail(typed));
    } catch (RejectedExecutionException flooded) {
      // dropped: the queue is full (or the site is stopping); the reader can ask again
    }
  }

  /** Plans the reset mail of the address's account, if there is one. */
  private void mail(String email) {
    try {
      Optional<Credentials> account = app.users().credentials(email);
      if (account.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      OutboxMessage m = ResetMail.compose(account.get(), links, messages, renderer,
          settings.siteUrl(), now);
      if (app.outbox().planForAccount(m, now, MAILS_PER_ACCOUNT_PER_HOUR, Duration.ofHours(1))
          != Outbox.Limited.PLANNED) {
        return;
      }
    } catch (RuntimeException e) {
      // The message names the outbox key, never the link.
      System.err.println("papersift: a password reset mail could not be planned: "
          + e.getMessage());
      return;
    }
    try {
      onPlanned.run();
    } catch (RuntimeException e) {
      System.err.println("papersift: a password reset mail is in the outbox; sending it now"
          + " failed, the next round sends it: " + e.getMessage());
    }
  }

  /**
   * Waits until the requests queued so far are handled (tests; the worker takes them in order).
   *
   * @return false when they were not handled within {@code timeout}
   */
  public boolean awaitQueued(Duration timeout) throws InterruptedException {
    try {
      worker.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | RejectedExecutionException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * A reset link for the account with this address, valid for an hour from now (the operator's
   * {@code papersift admin reset-link}); empty when no account has the address.
   */
  public Optional<URI> linkFor(String email) {
    return app.users().credentials(EmailAddresses.normalize(email))
        .map(c -> ResetMail.link(c, links, clock.instant()));
  }

  @Override
  public LinkCheck check(String token) {
    return verify(token, null);
  }

  @Override
  public LinkCheck reset(String token, String newPasswordHash) {
    return verify(Objects.requireNonNull(token, "token"),
        Objects.requireNonNull(newPasswordHash, "newPasswordHash"));
  }

  /** Checks the link; with {@code newHash}, also sets it while the link still holds. */
  private LinkCheck verify(String token, String newHash) {
    // The credentials the token was checked against: the new hash replaces exactly that hash.
    AtomicReference<Credentials> checkedAgainst = new AtomicReference<>();
    LinkTokens.Check check = tokens.checkBound(token, Purpose.PASSWORD_RESET, id -> {
      Optional<Credentials> c = app.users().credentialsOf(id);
      c.ifPresent(checkedAgainst::set);
      return c.map(Credentials::passwordHash).orElse(null);
    }, clock.instant());
    if (check instanceof LinkTokens.Rejected r) {
      return LinkCheck.fails(r.reason().message());
    }
    Credentials account = checkedAgainst.get();
    if (newHash != null
        && !app.users().resetPassword(account.user().id(), account.passwordHash(), newHash)) {
      return LinkCheck.fails(LinkTokens.Reason.SUPERSEDED.message());
    }
    return LinkCheck.works(account.user());
  }

  @Override
  public void close() {
    worker.shutdown();
    try {
      // a request being planned writes to the store: let it finish before the store closes
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
