package org.papersift.core.query;

import java.util.List;

/**
 * Ranked hits, how many papers matched in all, and notes for the reader (e.g. that the query was
 * not valid syntax and was searched as plain words).
 */
public record SearchResult(List<Hit> hits, long totalMatches, List<String> notes) {
  public SearchResult {
    hits = List.copyOf(hits);
    notes = List.copyOf(notes);
  }
}
