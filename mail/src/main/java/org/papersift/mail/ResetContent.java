package org.papersift.mail;

import java.net.URI;
import java.util.Objects;

/**
 * What the "choose a new password" mail says: which account on which site, and the signed link
 * that lets its reader set a new password.
 *
 * @param email the account's address
 * @param siteHost the site's host name, e.g. papers.example.org
 * @param link the reset link
 * @param validMinutes how long the link works
 */
public record ResetContent(String email, String siteHost, URI link, long validMinutes) {
  public static final String SUBJECT = "Choose a new papersift password";

  public ResetContent {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(siteHost, "siteHost");
    Objects.requireNonNull(link, "link");
  }

  /** "one hour", "90 minutes": the link's lifetime in words. */
  public String validFor() {
    if (validMinutes % 60 == 0) {
      long hours = validMinutes / 60;
      return hours == 1 ? "one hour" : hours + " hours";
    }
    return validMinutes + " minutes";
  }
}
