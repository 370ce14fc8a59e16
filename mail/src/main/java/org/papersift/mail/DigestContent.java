package org.papersift.mail;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Everything one digest says, before it is HTML or text: {@link DigestRenderer} makes both from
 * this record, so the two never disagree. Built by whoever plans digests (app), kept by nobody.
 *
 * @param recipient the subscriber's address as typed
 * @param periodLabel what the digest covers, in words: "Monday, 23 November 2026", "Week 48, 2026"
 * @param siteUrl the site's base URL (https://papers.example.org)
 * @param unsubscribeUrl the signed one-click unsubscribe link (also in List-Unsubscribe)
 */
public record DigestContent(String recipient, String periodLabel, List<DigestSection> sections,
    URI siteUrl, URI unsubscribeUrl) {
  public DigestContent {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(periodLabel, "periodLabel");
    Objects.requireNonNull(siteUrl, "siteUrl");
    Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
    sections = List.copyOf(sections);
    requireWeb("siteUrl", siteUrl);
    requireWeb("unsubscribeUrl", unsubscribeUrl);
  }

  /** Papers in all sections (a paper in two sections counts twice). */
  public int paperCount() {
    return sections.stream().mapToInt(s -> s.papers().size()).sum();
  }

  /** True when no section has a paper: no mail unless the subscriber asked for empty ones. */
  public boolean isEmpty() {
    return paperCount() == 0;
  }

  private static void requireWeb(String what, URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(what + ": expected an http(s) URL, got \"" + uri + "\"");
    }
  }
}
