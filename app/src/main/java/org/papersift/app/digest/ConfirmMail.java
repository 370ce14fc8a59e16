package org.papersift.app.digest;

import java.net.URI;
import java.time.Instant;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.Subscriber;
import org.papersift.mail.ConfirmContent;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.DigestRenderer;
import org.papersift.mail.MailLinks;

/**
 * The double opt-in mail: the signed confirm link for a new (or returning) subscriber. Its outbox
 * key is (subscriber, {@value #KIND}, the request's epoch second), so every request makes its own
 * mail and the outbox's limits ({@code Outbox.planLimited}) decide how many go out.
 */
public final class ConfirmMail {
  public static final String KIND = "confirm";

  private ConfirmMail() {}

  public static OutboxKey key(long subscriberId, Instant now) {
    return new OutboxKey(subscriberId, KIND, Long.toString(now.getEpochSecond()));
  }

  /** The confirmation mail for {@code s}, its link valid for a week from {@code now}. */
  public static OutboxMessage compose(Subscriber s, MailLinks links, DigestMessage messages,
      DigestRenderer renderer, URI siteUrl, Instant now) {
    ConfirmContent content = new ConfirmContent(s.email(), siteUrl.getHost(),
        describe(s.schedule()), links.confirm(s.id(), now),
        LinkTokens.Purpose.CONFIRM.lifetime().toDays());
    return messages.compose(key(s.id(), now), s.email(), ConfirmContent.SUBJECT,
        renderer.confirmText(content), renderer.confirmHtml(content), null, now);
  }

  /** "on weekdays at 08:00 (Europe/Paris time)" or "on Mondays at 08:00 (UTC time)". */
  public static String describe(DigestSchedule schedule) {
    return (schedule.cadence() == Cadence.DAILY ? "on weekdays" : "on Mondays") + " at "
        + schedule.sendAt() + " (" + schedule.zone().getId() + " time)";
  }
}
