package org.papersift.app.mail;

import java.nio.file.Path;
import java.time.Clock;
import org.papersift.core.mail.OutboxClaim;
import org.papersift.core.mail.RetryPolicy;
import org.papersift.mail.SmtpSender;
import org.papersift.store.Database;
import org.papersift.store.Outbox;

/**
 * A sender in a child JVM that stops dead at one step of its round and waits to be killed:
 * {@code SendInChild DB_FILE SMTP_PORT STEP} with STEP one of claimed, accepted, finished.
 */
public final class SendInChild {
  private SendInChild() {}

  public static void main(String[] args) throws Exception {
    String stopAt = args[2];
    Outbox outbox = new Outbox(Database.open(Path.of(args[0])));
    SmtpSender smtp = new SmtpSender(DigestSenderTest.smtp(Integer.parseInt(args[1])));
    DigestSender.Listener pause = new DigestSender.Listener() {
      @Override
      public void claimed(OutboxClaim claim) {
        pauseAt("claimed");
      }

      @Override
      public void accepted(OutboxClaim claim) {
        pauseAt("accepted");
      }

      @Override
      public void finished(OutboxClaim claim, DigestSender.Outcome outcome, String error) {
        pauseAt("finished");
      }

      private void pauseAt(String step) {
        if (step.equals(stopAt)) {
          System.out.println("PAUSED " + step);
          System.out.flush();
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    new DigestSender(outbox, smtp, RetryPolicy.DEFAULT, Clock.systemUTC(),
        DigestSender.DEFAULT_LEASE, pause).sendDue(10);
    System.out.println("DONE without pausing at " + stopAt);
  }
}
