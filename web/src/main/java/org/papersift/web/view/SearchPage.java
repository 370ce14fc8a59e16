package org.papersift.web.view;

import java.util.List;

/**
 * The search form and, once searched, its results.
 *
 * @param error why the query was rejected (the page answers 400); null when it was not
 * @param totalMatches how many papers matched in all, which may be more than can be paged
 * @param capped true when only the first {@code shownLimit} of the matches can be paged through
 * @param listing the results; null when nothing was searched
 */
public record SearchPage(SearchForm form, String error, List<String> notes, long totalMatches,
    boolean capped, int shownLimit, Listing listing, String feedUrl) {
  public SearchPage {
    notes = List.copyOf(notes);
  }

  public boolean searched() {
    return listing != null;
  }
}
