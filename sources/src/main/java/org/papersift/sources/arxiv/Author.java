package org.papersift.sources.arxiv;

import java.util.List;

/**
 * An author as the source gave it. {@link org.papersift.core.paper.Paper} keeps only names; the
 * affiliations travel alongside for callers that want them.
 */
public record Author(String name, List<String> affiliations) {
  public Author {
    affiliations = affiliations == null ? List.of() : List.copyOf(affiliations);
  }
}
