package org.papersift.app.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.papersift.core.mail.MailDeliveryException;
import org.papersift.core.mail.MailTransport;
import org.papersift.core.mail.OutboxClaim;
import org.papersift.core.mail.RetryPolicy;
import org.papersift.store.Outbox;

/**
 * Sends what the outbox holds: claim the next due row, send its stored bytes, record the outcome;
 * repeat. Runs in {@code serve}'s scheduler and in {@code papersift digest run} (cron).
 *
 * <p><b>Exactly once.</b> Each step is its own commit, and a process killed between any two of
 * them leaves a state the next sender handles:
 *
 * <ol>
 *   <li>killed after the claim, before SMTP: the row stays {@code sending}; when the lease ends
 *       ({@link #DEFAULT_LEASE}) another sender claims and sends it. Sent once, late.
 *   <li>killed after the server accepted the message, before {@code markSent} committed: the row
 *       is sent again when the lease ends. This is the one window for a duplicate, and it is kept
 *       as short as it can be: {@code markSent} is the next thing after SMTP's "250 OK", one
 *       SQLite commit (about a millisecond), with nothing else in between. The duplicate carries
 *       the same Message-ID (it is inside the stored bytes), so receivers that dedupe by it
 *       (Gmail does) show one mail. No protocol closes this window: the server's acceptance and
 *       the store's commit cannot be one transaction.
 *   <li>killed after the mark: nothing left to do.
 * </ol>
 *
 * A sender that is slow rather than dead must finish within its lease, or the row may be sent
 * twice: the lease (10 minutes) is well above the SMTP timeouts (connect 10 s, read and write
 * 60 s each). The same window opens when the mark itself fails (the disk is full: the store's
 * exception leaves this method, the row stays {@code sending} and is sent again after the lease),
 * and on a power cut (not a process kill): SQLite runs with synchronous=NORMAL, which may lose the
 * last commit.
 *
 * <p><b>Failures.</b> A temporary failure plans the row again after the {@link RetryPolicy}'s
 * delay; after its last attempt the row is {@code failed}. A permanent refusal of the recipient is
 * {@code bounced}. Both stay in the outbox, counted and listed for the admin. When the server is
 * unreachable the round stops after that one row: the others would fail the same way, and keep
 * their attempts for when it is back.
 *
 * <p>Not thread-safe: one sender owns its transport; run one per process (several processes may
 * send from the same store, the outbox's claims keep them apart).
 */
public final class DigestSender {
  /** How long a claim lasts before another sender may take the row over. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

  /** What became of one claimed row. */
  public enum Outcome { SENT, RETRY, FAILED, BOUNCED }

  /**
   * Hears each step of a round, for progress lines and logs. Called on the sending thread,
   * between the steps; keep it quick (it widens the windows described above).
   */
  public interface Listener {
    /** The row is claimed (committed); sending starts next. */
    default void claimed(OutboxClaim claim) {}

    /**
     * The server accepted the message; marking it sent comes next. Do nothing slow here: a kill
     * before the mark commits is what can send a message twice.
     */
    default void accepted(OutboxClaim claim) {}

    /** The outcome is recorded. {@code error} is null when sent. */
    default void finished(OutboxClaim claim, Outcome outcome, String error) {}
  }

  /**
   * What one round did.
   *
   * @param stopped why the round ended before the outbox had nothing due, or null
   */
  public record Round(int sent, int retried, int failed, int bounced, String stopped) {
    public int claimed() {
      return sent + retried + failed + bounced;
    }
  }

  private final Outbox outbox;
  private final MailTransport transport;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Duration lease;
  private final Listener listener;

  public DigestSender(Outbox outbox, MailTransport transport, RetryPolicy policy, Clock clock,
      Duration lease, Listener listener) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.listener = listener == null ? new Listener() {} : listener;
  }

  public DigestSender(Outbox outbox, MailTransport transport) {
    this(outbox, transport, RetryPolicy.DEFAULT, Clock.systemUTC(), DEFAULT_LEASE, null);
  }

  /**
   * Sends due rows until none is due, the server is unavailable, or {@code max} rows were
   * claimed. Keeps the transport's connection open between rows; the caller closes the transport.
   */
  public Round sendDue(int max) {
    int sent = 0;
    int retried = 0;
    int failed = 0;
    int bounced = 0;
    String stopped = null;
    for (int i = 0; i < max; i++) {
      Optional<OutboxClaim> next = outbox.claim(clock.instant(), lease);
      if (next.isEmpty()) {
        break;
      }
      OutboxClaim claim = next.get();
      Attempt a = send(claim);
      switch (a.outcome) {
        case SENT -> sent++;
        case RETRY -> retried++;
        case FAILED -> failed++;
        case BOUNCED -> bounced++;
      }
      if (a.stopRound) {
        stopped = a.error;
        break;
      }
    }
    if (stopped == null && sent + retried + failed + bounced == max) {
      stopped = "reached the limit of " + max + " messages for one round";
    }
    return new Round(sent, retried, failed, bounced, stopped);
  }

  private record Attempt(Outcome outcome, String error, boolean stopRound) {}

  private Attempt send(OutboxClaim claim) {
    listener.claimed(claim);
    if (claim.attempt() > policy.maxAttempts()) {
      // Claimed again after its lease ran out more often than the policy allows: each earlier
      // sender died while sending it (a message that crashes the sender?). Stop trying.
      String error = "gave up after " + (claim.attempt() - 1) + " attempts that ended without"
          + " an outcome (the sender stopped while sending)";
      outbox.markFailed(claim, error);
      listener.finished(claim, Outcome.FAILED, error);
      return new Attempt(Outcome.FAILED, error, false);
    }
    try {
      transport.send(claim.entry().recipient(), claim.eml());
    } catch (MailDeliveryException e) {
      return failed(claim, e.getMessage(), e.kind());
    } catch (RuntimeException e) {
      // a fault of the transport itself: retry like an outage, and stop the round
      return failed(claim, "sending failed: " + e, MailDeliveryException.Kind.UNAVAILABLE);
    }
    // The window for a duplicate: nothing slow between SMTP's OK and the mark's commit.
    listener.accepted(claim);
    outbox.markSent(claim, clock.instant());
    listener.finished(claim, Outcome.SENT, null);
    return new Attempt(Outcome.SENT, null, false);
  }

  private Attempt failed(OutboxClaim claim, String error, MailDeliveryException.Kind kind) {
    Instant now = clock.instant();
    Outcome outcome;
    String recorded = error;
    switch (kind) {
      case REJECTED -> {
        outbox.markBounced(claim, error);
        outcome = Outcome.BOUNCED;
      }
      case INVALID -> {
        outbox.markFailed(claim, error);
        outcome = Outcome.FAILED;
      }
      default -> {
        Optional<Instant> next = policy.nextAttempt(claim.attempt(), now);
        if (next.isPresent()) {
          outbox.markRetry(claim, error, next.get());
          outcome = Outcome.RETRY;
        } else {
          recorded = "gave up after " + claim.attempt() + " attempts: " + error;
          outbox.markFailed(claim, recorded);
          outcome = Outcome.FAILED;
        }
      }
    }
    listener.finished(claim, outcome, recorded);
    return new Attempt(outcome, recorded, kind == MailDeliveryException.Kind.UNAVAILABLE);
  }
}
