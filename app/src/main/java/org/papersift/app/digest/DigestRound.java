package org.papersift.app.digest;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.papersift.app.Papersift;
import org.papersift.app.mail.DigestSender;
import org.papersift.core.mail.RetryPolicy;
import org.papersift.mail.MailSettings;
import org.papersift.mail.SmtpSender;

/**
 * One round of mail: plan the digests that are due, then send what the outbox holds that is due
 * (digests, confirmation mails, retries). What {@code papersift serve} does every minute and
 * {@code papersift digest run} does once (for cron). Not thread-safe: one round at a time per
 * process (other processes may run rounds on the same data directory: the outbox keeps them
 * apart).
 */
public final class DigestRound {
  /** Messages one round sends at most; the next round goes on. */
  public static final int MAX_SENT_PER_ROUND = 5_000;
  /**
   * How long a sent message's bytes stay in the outbox (for "what did we send?"); after that only
   * its row and key stay, which is all exactly-once needs. Ten thousand digests a day would
   * otherwise add about half a gigabyte a day to the store.
   */
  public static final Duration KEEP_SENT_MESSAGES = Duration.ofDays(14);

  /**
   * What a round did.
   *
   * @param sent null when sending was off
   * @param droppedBodies sent messages whose bytes were dropped, being older than {@link
   *     #KEEP_SENT_MESSAGES}
   */
  public record Result(DigestPlanner.Round planned, DigestSender.Round sent, int droppedBodies) {
    /** Whether there is anything to tell: something was due, claimed or failed. */
    public boolean didSomething() {
      return planned.didSomething() || (sent != null && sent.claimed() > 0);
    }

    /** Whether something went wrong that the next round retries. */
    public boolean troubled() {
      return planned.failed() > 0 || (sent != null && (sent.stopped() != null
          && !sent.stopped().startsWith("reached the limit")));
    }

    /** One line for the log. */
    public String line() {
      StringBuilder b = new StringBuilder(planned.toString());
      if (sent == null) {
        b.append("; sending off");
      } else {
        b.append("; sent ").append(sent.sent());
        if (sent.retried() > 0) {
          b.append(", ").append(sent.retried()).append(" to retry");
        }
        if (sent.failed() > 0) {
          b.append(", ").append(sent.failed()).append(" failed");
        }
        if (sent.bounced() > 0) {
          b.append(", ").append(sent.bounced()).append(" bounced");
        }
        if (sent.stopped() != null) {
          b.append(" (stopped: ").append(sent.stopped()).append(')');
        }
      }
      if (droppedBodies > 0) {
        b.append("; dropped the text of ").append(droppedBodies).append(" sent message")
            .append(droppedBodies == 1 ? "" : "s").append(" older than ")
            .append(KEEP_SENT_MESSAGES.toDays()).append(" days");
      }
      return b.toString();
    }
  }

  private final Papersift app;
  private final DigestPlanner planner;
  private final Clock clock;

  public DigestRound(Papersift app, DigestPlanner planner, Clock clock) {
    this.app = Objects.requireNonNull(app, "app");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Plans what is due, then sends through {@code smtp} (null: plan only). A failure to plan one
   * subscriber's digest does not stop the others or the sending.
   */
  public Result run(MailSettings smtp) {
    DigestPlanner.Round planned = planner.planDue(clock.instant());
    DigestSender.Round sent = null;
    if (smtp != null) {
      try (SmtpSender sender = new SmtpSender(smtp)) {
        sent = new DigestSender(app.outbox(), sender, RetryPolicy.DEFAULT, clock,
            DigestSender.DEFAULT_LEASE, null).sendDue(MAX_SENT_PER_ROUND);
      }
    }
    int dropped = app.outbox().dropSentBodies(clock.instant().minus(KEEP_SENT_MESSAGES));
    return new Result(planned, sent, dropped);
  }

  /**
   * Sends what the outbox holds now through {@code smtp}, planning nothing: for a mail a reader
   * waits for (a password reset link), right after it is planned. Run it where the rounds run
   * (one sender per process).
   */
  public DigestSender.Round send(MailSettings smtp) {
    try (SmtpSender sender = new SmtpSender(Objects.requireNonNull(smtp, "smtp"))) {
      return new DigestSender(app.outbox(), sender, RetryPolicy.DEFAULT, clock,
          DigestSender.DEFAULT_LEASE, null).sendDue(MAX_SENT_PER_ROUND);
    }
  }
}
