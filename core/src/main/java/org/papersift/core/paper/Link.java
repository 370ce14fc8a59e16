package org.papersift.core.paper;

import java.util.Objects;

/** A link a source gave for a paper: its abstract page, PDF, DOI resolver and so on. */
public record Link(String rel, String href, String type, String title) {
  public Link {
    Objects.requireNonNull(href, "href");
    if (href.isBlank()) {
      throw new InvalidPaperException("link href is blank");
    }
    rel = rel == null || rel.isBlank() ? "related" : rel;
    type = blankToNull(type);
    title = blankToNull(title);
  }

  public static Link of(String rel, String href) {
    return new Link(rel, href, null, null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
