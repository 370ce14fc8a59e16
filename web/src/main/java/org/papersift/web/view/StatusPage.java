package org.papersift.web.view;

import org.papersift.web.Library;

/** What the service holds and how far indexing and embedding have got. */
public record StatusPage(Library.Status status) {
  public int indexedPercent() {
    return percent(status.indexed(), status.stored());
  }

  public int embeddedPercent() {
    return percent(status.embedded(), status.stored());
  }

  /** Whole percent, rounded down, so 99.9 % done never shows as 100 %. */
  static int percent(long part, long whole) {
    if (whole <= 0) {
      return 0;
    }
    return (int) Math.min(100, Math.max(0, part * 100 / whole));
  }
}
