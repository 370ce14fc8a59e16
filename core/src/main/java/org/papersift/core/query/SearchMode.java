package org.papersift.core.query;

import java.util.Locale;

/** How results are ranked: by keywords (BM25), by meaning (dense vectors), or both fused. */
public enum SearchMode {
  BM25,
  DENSE,
  HYBRID;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SearchMode of(String s) {
    for (SearchMode m : values()) {
      if (m.id().equalsIgnoreCase(s.strip())) {
        return m;
      }
    }
    throw new InvalidQueryException("mode: expected bm25, dense or hybrid, got \"" + s + "\"");
  }
}
