package org.papersift.mail;

import java.net.URI;
import java.util.Objects;

/**
 * What the double opt-in mail says: who asked for digests where, on what schedule, and the
 * signed link that confirms it.
 *
 * @param email the address to confirm, as typed
 * @param siteHost the site's host name, e.g. papers.example.org
 * @param schedule the schedule in words, e.g. "on weekdays at 08:00 (Europe/Paris time)"
 * @param link the confirm link
 * @param validDays how long the link works
 */
public record ConfirmContent(String email, String siteHost, String schedule, URI link,
    long validDays) {
  public static final String SUBJECT = "Confirm your papersift digest";

  public ConfirmContent {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(siteHost, "siteHost");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(link, "link");
  }
}
