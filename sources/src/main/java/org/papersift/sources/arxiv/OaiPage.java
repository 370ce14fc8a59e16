package org.papersift.sources.arxiv;

import java.time.Instant;
import java.util.List;
import org.papersift.core.paper.Paper;

/**
 * One ListRecords response, handed to the caller before the next one is requested so it can be
 * stored page by page.
 *
 * @param number 1 for the first page of a harvest
 * @param records the records that mapped to papers
 * @param deleted headers of records the repository reports as deleted
 * @param resumptionToken the token for the next page, or null on the last page; a caller that
 *     stores it can {@link OaiPmhClient#resume resume} an interrupted harvest while it is valid
 * @param completeListSize as the server reported it, or null
 * @param cursor as the server reported it, or null
 */
public record OaiPage(int number, Instant responseDate, List<OaiRecord> records,
    List<OaiHeader> deleted, List<RejectedRecord> rejected, String resumptionToken,
    Long completeListSize, Long cursor) {
  public OaiPage {
    records = List.copyOf(records);
    deleted = List.copyOf(deleted);
    rejected = List.copyOf(rejected);
  }

  public List<Paper> papers() {
    return records.stream().map(OaiRecord::paper).toList();
  }
}
