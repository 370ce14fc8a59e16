package org.papersift.sources.arxiv;

import java.time.LocalDate;
import java.util.List;

/**
 * The OAI-PMH record header.
 *
 * @param identifier e.g. {@code oai:arXiv.org:1706.05371}
 * @param datestamp when the record last changed in the repository (not the paper's date)
 * @param deleted the header said {@code status="deleted"}: the record has no metadata any more
 */
public record OaiHeader(String identifier, LocalDate datestamp, List<String> setSpecs,
    boolean deleted) {
  public OaiHeader {
    setSpecs = setSpecs == null ? List.of() : List.copyOf(setSpecs);
  }
}
