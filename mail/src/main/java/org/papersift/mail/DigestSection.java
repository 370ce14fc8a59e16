package org.papersift.mail;

import java.util.List;
import java.util.Objects;

/**
 * One section of a digest: "Trending", one per topic alert, "For you".
 *
 * @param note a line under the title, may be empty: what an alert searches for, or why it is
 *     broken
 * @param papers may be empty (an alert with no new match still shows, with its note)
 */
public record DigestSection(String title, String note, List<DigestPaper> papers) {
  public DigestSection {
    Objects.requireNonNull(title, "title");
    note = note == null ? "" : note;
    papers = List.copyOf(papers);
  }

  public static DigestSection trending(List<DigestPaper> papers) {
    return new DigestSection("Trending", "Most upvoted on the site lately.", papers);
  }

  /** A topic alert's section: its name as the title, its query in the note. */
  public static DigestSection alert(String name, String query, List<DigestPaper> papers) {
    return new DigestSection(name, papers.isEmpty() ? "No new papers match “" + query + "”."
        : "New papers matching “" + query + "”.", papers);
  }

  /** An alert whose query no longer runs: shown with the reason, so it is fixed, not missed. */
  public static DigestSection brokenAlert(String name, String reason) {
    return new DigestSection(name, "This alert could not run: " + reason, List.of());
  }

  public static DigestSection forYou(List<DigestPaper> papers) {
    return new DigestSection("For you", "Picked from your library and votes.", papers);
  }
}
