package org.papersift.web;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.papersift.core.account.UserStore;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.core.trending.TrendingScore;

/** What the web layer needs from the rest of papersift. Implementations are thread-safe. */
public interface Library {
  /** Search with the default mode (hybrid when vectors exist, keywords otherwise). */
  default SearchResult search(SearchQuery query) {
    return search(query, SearchMode.HYBRID);
  }

  SearchResult search(SearchQuery query, SearchMode mode);

  /** The stored papers among {@code ids}, in that order; unknown ids are left out. */
  Map<String, Paper> papers(Collection<String> ids);

  /** Papers first published from {@code from} to {@code to} (inclusive), one page of them. */
  Page<Paper> published(LocalDate from, LocalDate to, DailySort sort, int offset, int limit);

  /** The newest publication date among the stored papers; null when there are none. */
  LocalDate latestDay();

  /** Papers like this one (the paper itself left out); empty hits when it is unknown. */
  SearchResult similar(String paperId, int limit);

  /** Papers by trending score, highest first; see {@link #trendingFormula()}. */
  Page<TrendingScore> trending(int offset, int limit);

  /** How the trending score is computed, in words a reader understands (shown on the page). */
  String trendingFormula();

  /** Papers with an author of this name (whole-name match), newest first. */
  Page<Paper> byAuthor(String name, int offset, int limit);

  UserStore users();

  /** Digests, alerts and recommendations. */
  Subscriptions subscriptions();

  /** "Forgot your password?": reset links by mail. */
  PasswordResets passwordResets();

  Status status();

  /** Order of a daily, weekly or monthly listing. */
  enum DailySort { PUBLISHED, TRENDING }

  /**
   * What the status page and line show.
   *
   * @param lastHarvest when arXiv was last harvested successfully, ISO-8601, null if never
   * @param harvestProblem why the last harvest failed, null when it did not
   */
  record Status(long stored, long indexed, long embedded, String model, String lastHarvest,
      String harvestProblem) {}
}
