package org.papersift.sources.arxiv;

import java.util.List;

/**
 * What an OAI-PMH record carries beyond {@link org.papersift.core.paper.Paper}. Fields a format
 * lacks are null or empty (only arXivRaw has the submitter and version history).
 *
 * @param dois every DOI given; arXiv sometimes lists several (article and erratum) where the
 *     paper keeps the first
 * @param versions arXivRaw version history in the order given
 */
public record ArxivDetails(
    String submitter,
    String proxy,
    String reportNo,
    String mscClass,
    String acmClass,
    List<String> dois,
    List<ArxivVersion> versions,
    List<Author> authors) {
  public ArxivDetails {
    dois = dois == null ? List.of() : List.copyOf(dois);
    versions = versions == null ? List.of() : List.copyOf(versions);
    authors = authors == null ? List.of() : List.copyOf(authors);
  }
}
