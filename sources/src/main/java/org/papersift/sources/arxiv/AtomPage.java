package org.papersift.sources.arxiv;

import java.time.Instant;
import java.util.List;
import org.papersift.core.paper.Paper;

/**
 * One Atom API response.
 *
 * @param number 1 for the first page of a search
 * @param totalResults {@code opensearch:totalResults}, or -1 if the feed did not say
 * @param startIndex {@code opensearch:startIndex}, or -1 if the feed did not say
 * @param itemsPerPage {@code opensearch:itemsPerPage}, or -1 if the feed did not say
 * @param feedUpdated the feed's own {@code <updated>}, or null
 */
public record AtomPage(int number, long totalResults, int startIndex, int itemsPerPage,
    Instant feedUpdated, List<AtomEntry> entries, List<RejectedRecord> rejected) {
  public AtomPage {
    entries = List.copyOf(entries);
    rejected = List.copyOf(rejected);
  }

  public List<Paper> papers() {
    return entries.stream().map(AtomEntry::paper).toList();
  }

  /** Entries in the response, mapped or not; this is how far a next page must move on. */
  public int size() {
    return entries.size() + rejected.size();
  }
}
