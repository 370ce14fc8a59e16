package org.papersift.web;

import java.util.List;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;

/** One search result as the JSON API shows it: the same fields as `papersift search --json`. */
record HitView(String id, String title, float score, List<String> authors,
    List<String> categories, String published) {

  static HitView of(Hit h, Paper p) {
    return new HitView(h.id(), h.title(), h.score(), p == null ? List.of() : p.authors(),
        p == null ? List.of() : p.categories(),
        p == null || p.published() == null ? null : p.published().toString());
  }
}
