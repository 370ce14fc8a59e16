package org.papersift.sources.arxiv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to harvest with ListRecords.
 *
 * @param set an arXiv set such as {@code cs} or {@code physics:hep-ex}; null for everything
 * @param from inclusive lower bound on the record datestamp; null for no bound
 * @param until inclusive upper bound; null for no bound
 */
public record ListRecordsRequest(MetadataFormat format, String set, LocalDate from,
    LocalDate until) {
  public ListRecordsRequest {
    Objects.requireNonNull(format, "format");
    if (set != null && set.isBlank()) {
      set = null;
    }
    if (from != null && until != null && from.isAfter(until)) {
      throw new IllegalArgumentException("from " + from + " is after until " + until);
    }
  }

  public static ListRecordsRequest of(MetadataFormat format) {
    return new ListRecordsRequest(format, null, null, null);
  }

  public ListRecordsRequest withSet(String newSet) {
    return new ListRecordsRequest(format, newSet, from, until);
  }

  public ListRecordsRequest withFrom(LocalDate date) {
    return new ListRecordsRequest(format, set, date, until);
  }

  public ListRecordsRequest withUntil(LocalDate date) {
    return new ListRecordsRequest(format, set, from, date);
  }
}
