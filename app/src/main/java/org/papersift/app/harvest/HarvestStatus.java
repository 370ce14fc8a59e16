package org.papersift.app.harvest;

import java.time.Instant;
import org.papersift.store.PaperStore;

/**
 * How the last harvest of arXiv went, kept in job state so every process sees it: when one last
 * completed, and why the most recent one failed (none once a later one completes).
 *
 * @param lastSuccess null if no harvest completed yet
 * @param problem null when the most recent harvest did not fail
 */
public record HarvestStatus(Instant lastSuccess, String problem) {
  static final String LAST_SUCCESS = "harvest:last-success";
  static final String PROBLEM = "harvest:problem";

  public static HarvestStatus read(PaperStore store) {
    Instant last = store.jobState(LAST_SUCCESS).filter(s -> !s.isBlank()).map(Instant::parse)
        .orElse(null);
    String problem = store.jobState(PROBLEM).filter(s -> !s.isBlank()).orElse(null);
    return new HarvestStatus(last, problem);
  }

  public static void succeeded(PaperStore store, Instant at) {
    store.saveJobState(LAST_SUCCESS, at.toString());
    store.saveJobState(PROBLEM, "");
  }

  public static void failed(PaperStore store, String problem) {
    store.saveJobState(PROBLEM, problem);
  }
}
