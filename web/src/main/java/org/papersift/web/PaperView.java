package org.papersift.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;

/** A paper as the JSON API shows it. */
record PaperView(String id, Integer version, String title,
    @JsonProperty("abstract") String abstractText,
    List<String> authors, List<String> categories, String published, String updated,
    String comment, String journalRef, String doi, String license, List<Link> links) {

  static PaperView of(Paper p) {
    return new PaperView(p.id(), p.version() == 0 ? null : p.version(), p.title(),
        p.abstractText(), p.authors(), p.categories(),
        p.published() == null ? null : p.published().toString(),
        p.updated() == null ? null : p.updated().toString(), p.comment(), p.journalRef(),
        p.doi(), p.license(), p.links());
  }
}
