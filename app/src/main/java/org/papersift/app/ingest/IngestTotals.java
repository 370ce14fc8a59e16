package org.papersift.app.ingest;

import java.time.Duration;
import java.util.List;

/** What an ingest did, for the summary line and for benchmarks. */
public record IngestTotals(long read, long added, long updated, long unchanged, long rejected,
    List<String> fileErrors, long indexed, Duration elapsed) {
  public IngestTotals {
    fileErrors = List.copyOf(fileErrors);
  }

  public boolean clean() {
    return rejected == 0 && fileErrors.isEmpty();
  }

  public double perSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s > 0 ? read / s : 0;
  }
}
