package org.papersift.app.digest;

import java.net.URI;
import java.time.Instant;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.Subscriber;
import org.papersift.mail.DigestMessage;
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
      URI siteUrl, Instant now) {
    URI link = links.confirm(s.id(), now);
    String when = describe(s.schedule());
    String site = siteUrl.getHost();
    long days = LinkTokens.Purpose.CONFIRM.lifetime().toDays();
    String subject = "Confirm your papersift digest";
    String text = "Someone, probably you, asked " + site + " to send papersift digests to "
        + s.email() + ", " + when + ".\n\n"
        + "To confirm, open this link (it works for " + days + " days):\n\n"
        + link + "\n\n"
        + "If it was not you, ignore this mail: nothing more is sent without the confirmation.\n";
    String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + escape(subject) + "</title></head>\n"
        + "<body style=\"margin:0;padding:16px;font-family:-apple-system,BlinkMacSystemFont,"
        + "'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;"
        + "color:#1c1c1c;\">\n<div style=\"max-width:600px;margin:0 auto;\">\n"
        + "<p>Someone, probably you, asked " + escape(site) + " to send papersift digests to "
        + "<strong>" + escape(s.email()) + "</strong>, " + escape(when) + ".</p>\n"
        + "<p><a href=\"" + escape(link.toString()) + "\" style=\"display:inline-block;"
        + "padding:10px 18px;background-color:#1a4f8b;color:#ffffff;text-decoration:none;"
        + "border-radius:4px;font-weight:bold;\">Confirm my subscription</a></p>\n"
        + "<p style=\"font-size:14px;color:#5c5c5c;\">The link works for " + days + " days. If the"
        + " button does not work, copy this address into your browser:<br>"
        + escape(link.toString()) + "</p>\n"
        + "<p style=\"font-size:14px;color:#5c5c5c;\">If it was not you, ignore this mail:"
        + " nothing more is sent without the confirmation.</p>\n</div>\n</body></html>\n";
    return messages.compose(key(s.id(), now), s.email(), subject, text, html, null, now);
  }

  /** "on weekdays at 08:00 (Europe/Paris time)" or "on Mondays at 08:00 (UTC time)". */
  public static String describe(DigestSchedule schedule) {
    return (schedule.cadence() == Cadence.DAILY ? "on weekdays" : "on Mondays") + " at "
        + schedule.sendAt() + " (" + schedule.zone().getId() + " time)";
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
