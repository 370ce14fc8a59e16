package org.papersift.sources.arxiv;

import java.util.List;
import java.util.Objects;

/**
 * A query for the arXiv Atom API: a search expression, a list of ids, or both (then the ids are
 * filtered by the search).
 *
 * @param searchQuery arXiv search syntax, e.g. {@code au:del_maestro AND ti:checkerboard}; null
 *     for none
 * @param idList arXiv ids, any spelling the API accepts; empty for none
 * @param start offset of the first result wanted
 * @param pageSize results per request, 1 to 2000 (the API's cap); arXiv suggests small pages
 * @param limit most results to fetch over all pages
 * @param sortBy null for the API default (relevance)
 * @param sortOrder null for the API default (descending)
 */
public record AtomQuery(String searchQuery, List<String> idList, int start, int pageSize,
    int limit, SortBy sortBy, SortOrder sortOrder) {

  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 2000;

  public AtomQuery {
    searchQuery = searchQuery == null || searchQuery.isBlank() ? null : searchQuery.strip();
    idList = idList == null ? List.of() : idList.stream().map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    if (searchQuery == null && idList.isEmpty()) {
      throw new IllegalArgumentException("an Atom query needs a search query or ids");
    }
    if (start < 0) {
      throw new IllegalArgumentException("start must be >= 0, got " + start);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", got "
          + pageSize);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
  }

  /** A search from the first result, default page size, no limit. */
  public static AtomQuery search(String searchQuery) {
    return new AtomQuery(Objects.requireNonNull(searchQuery, "searchQuery"), List.of(), 0,
        DEFAULT_PAGE_SIZE, Integer.MAX_VALUE, null, null);
  }

  public static AtomQuery ids(List<String> ids) {
    return new AtomQuery(null, ids, 0, DEFAULT_PAGE_SIZE, Integer.MAX_VALUE, null, null);
  }

  public static AtomQuery ids(String... ids) {
    return ids(List.of(ids));
  }

  public AtomQuery withStart(int newStart) {
    return new AtomQuery(searchQuery, idList, newStart, pageSize, limit, sortBy, sortOrder);
  }

  public AtomQuery withPageSize(int size) {
    return new AtomQuery(searchQuery, idList, start, size, limit, sortBy, sortOrder);
  }

  public AtomQuery withLimit(int newLimit) {
    return new AtomQuery(searchQuery, idList, start, pageSize, newLimit, sortBy, sortOrder);
  }

  public AtomQuery sortedBy(SortBy by, SortOrder order) {
    return new AtomQuery(searchQuery, idList, start, pageSize, limit, by, order);
  }

  /** The API's sortBy values. */
  public enum SortBy {
    RELEVANCE("relevance"),
    LAST_UPDATED_DATE("lastUpdatedDate"),
    SUBMITTED_DATE("submittedDate");

    private final String value;

    SortBy(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** The API's sortOrder values. */
  public enum SortOrder {
    ASCENDING("ascending"),
    DESCENDING("descending");

    private final String value;

    SortOrder(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }
}
