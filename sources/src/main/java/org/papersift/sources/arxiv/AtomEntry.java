package org.papersift.sources.arxiv;

import java.time.Instant;
import java.util.List;
import org.papersift.core.paper.Paper;

/**
 * One Atom API entry: the paper plus what it cannot hold.
 *
 * @param authors in order, with {@code arxiv:affiliation}s
 * @param dois every DOI in {@code arxiv:doi}; the paper keeps the first
 * @param published v1 submission time (the paper keeps only the date)
 * @param updated submission time of this version
 */
public record AtomEntry(Paper paper, List<Author> authors, List<String> dois, Instant published,
    Instant updated) {
  public AtomEntry {
    authors = List.copyOf(authors);
    dois = List.copyOf(dois);
  }
}
