package org.papersift.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.papersift.core.paper.Paper;

/**
 * One entry of a reader's library as the library page shows it.
 *
 * @param paper the stored paper, null when it is no longer stored
 */
public record LibraryItem(String paperId, Paper paper, String note, Instant savedAt) {
  /** The first three authors, then "et al.". */
  public String authorsLine() {
    if (paper == null || paper.authors().isEmpty()) {
      return "";
    }
    List<String> a = paper.authors();
    return a.size() <= 3 ? String.join(", ", a) : String.join(", ", a.subList(0, 3)) + " et al.";
  }

  /** The day it was saved (UTC), e.g. 2025-01-31. */
  public String savedOn() {
    return savedAt.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }
}
