package org.papersift.web;

import java.util.Collection;
import java.util.Map;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;

/** What the web layer needs from the rest of papersift. Implementations are thread-safe. */
public interface Library {
  SearchResult search(SearchQuery query);

  /** The stored papers among {@code ids}, in that order; unknown ids are left out. */
  Map<String, Paper> papers(Collection<String> ids);

  Status status();

  /** Papers stored and visible to keyword search. */
  record Status(long stored, long indexed) {}
}
