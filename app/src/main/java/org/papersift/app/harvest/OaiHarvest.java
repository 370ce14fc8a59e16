package org.papersift.app.harvest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import org.papersift.sources.arxiv.ListRecordsRequest;
import org.papersift.sources.arxiv.MetadataFormat;
import org.papersift.sources.arxiv.OaiHarvestSummary;
import org.papersift.sources.arxiv.OaiPage;
import org.papersift.sources.arxiv.OaiPmhClient;
import org.papersift.store.PaperStore;

/**
 * One OAI-PMH harvest of one set into the store, page by page: an interrupted harvest keeps the
 * pages it stored. Incremental: it starts from the server date the last complete harvest of the
 * same format and set saved (job state {@value #STATE_PREFIX}FORMAT:SET), and saves the new one
 * when it completes. Not thread-safe; one harvest at a time per set.
 */
public final class OaiHarvest {
  public static final String STATE_PREFIX = "harvest:oai:";

  private final PaperStore store;
  private final OaiPmhClient client;

  public OaiHarvest(PaperStore store, OaiPmhClient client) {
    this.store = store;
    this.client = client;
  }

  /**
   * What a harvest will ask for.
   *
   * @param why why it starts where it does ("--from", "after the last harvest", "first harvest")
   */
  public record Plan(ListRecordsRequest request, String stateKey, String why) {}

  /** Counts of one harvest. {@code next} is where the next one starts; null if unchanged. */
  public record Result(OaiHarvestSummary summary, long added, long updated, long unchanged,
      LocalDate next) {}

  /**
   * Plans a harvest of {@code set} (null for all of arXiv) from {@code from}, else from the saved
   * position, else {@code firstDays} before {@code today}; until {@code until} (null: open-ended).
   */
  public Plan plan(MetadataFormat format, String set, LocalDate from, LocalDate until,
      int firstDays, LocalDate today) {
    String stateKey = STATE_PREFIX + format.prefix() + ":" + (set == null ? "*" : set);
    Optional<String> saved = store.jobState(stateKey);
    LocalDate start = from != null ? from
        : saved.map(LocalDate::parse).orElse(today.minusDays(firstDays));
    ListRecordsRequest request = ListRecordsRequest.of(format).withSet(set).withFrom(start)
        .withUntil(until);
    return new Plan(request, stateKey, from != null ? "--from"
        : saved.isPresent() ? "after the last harvest" : "first harvest");
  }

  /**
   * Runs {@code plan}, storing each page before the next is fetched and then telling
   * {@code onPage} about it (rejected records included).
   *
   * @throws org.papersift.sources.arxiv.ArxivException when arXiv cannot be reached or errs;
   *     the pages stored so far stay, the position does not move
   */
  public Result run(Plan plan, Consumer<OaiPage> onPage) {
    long[] counts = new long[3];
    OaiHarvestSummary summary = client.listRecords(plan.request(), page -> {
      if (!page.papers().isEmpty()) {
        PaperStore.BatchResult r = store.upsertAll(page.papers());
        counts[0] += r.added();
        counts[1] += r.updated();
        counts[2] += r.unchanged();
      }
      onPage.accept(page);
    });
    // Only a complete, open-ended harvest moves the start of the next one; a window with an end
    // (--until) is a backfill and leaves the incremental position alone. The server's date, not
    // ours, is what datestamps records.
    LocalDate next = null;
    if (plan.request().until() == null && summary.responseDate() != null) {
      next = summary.responseDate().atZone(ZoneOffset.UTC).toLocalDate();
      store.saveJobState(plan.stateKey(), next.toString());
    }
    return new Result(summary, counts[0], counts[1], counts[2], next);
  }

  /** Today in UTC, the calendar arXiv's datestamps use. */
  public static LocalDate todayUtc(Clock clock) {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }
}
