package org.papersift.app.cli;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.papersift.app.ArxivSettings;
import org.papersift.app.Papersift;
import org.papersift.app.harvest.HarvestStatus;
import org.papersift.app.harvest.OaiHarvest;
import org.papersift.core.paper.Paper;
import org.papersift.sources.arxiv.AtomApiClient;
import org.papersift.sources.arxiv.AtomPage;
import org.papersift.sources.arxiv.AtomQuery;
import org.papersift.sources.arxiv.ListRecordsRequest;
import org.papersift.sources.arxiv.MetadataFormat;
import org.papersift.sources.arxiv.OaiHarvestSummary;
import org.papersift.sources.arxiv.OaiPage;
import org.papersift.sources.arxiv.OaiPmhClient;
import org.papersift.sources.arxiv.PoliteHttp;
import org.papersift.sources.arxiv.RejectedRecord;
import org.papersift.store.PaperStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * papersift harvest: new and changed papers from arXiv, over OAI-PMH (incremental, the default)
 * or the Atom search API. Each page is stored as it arrives, so an interrupted harvest keeps what
 * it got; the next incremental harvest starts from the server date of the last complete one.
 */
@Command(name = "harvest", mixinStandardHelpOptions = true,
    description = {"Fetch new and changed papers from arXiv (OAI-PMH or the Atom API).",
        "Polite: one request per interval (default 3 s), one connection, 503 Retry-After",
        "and 429 honoured.",
        "OAI-PMH (default): incremental from the last harvest of the same format and set;",
        "the first harvest goes back --days days unless --from is given.",
        "Atom API: --query 'cat:cs.CL AND ti:retrieval' or --id 2501.01234 ..."})
final class HarvestCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--format", defaultValue = "arXiv",
      description = "OAI-PMH metadataPrefix: arXiv or arXivRaw (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--set", description = "OAI-PMH set, e.g. cs or physics:hep-th (default: all).")
  String set;

  @Option(names = "--from", description = "Harvest records changed on or after this date.")
  LocalDate from;

  @Option(names = "--until", description = "... and on or before this date.")
  LocalDate until;

  @Option(names = "--days", defaultValue = "7",
      description = "First harvest without --from: this many days back (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--query", description = "Atom API search_query instead of OAI-PMH.")
  String query;

  @Option(names = "--id", split = ",", description = "Atom API id_list (comma separated or repeated).")
  List<String> ids;

  @Option(names = "--max", defaultValue = "1000",
      description = "Atom API: most results to fetch (default: ${DEFAULT-VALUE}).")
  int max;

  @Option(names = "--oai-url", description = "OAI-PMH base URL (default: $PAPERSIFT_OAI_URL or "
      + "https://oaipmh.arxiv.org/oai).")
  URI oaiUrl;

  @Option(names = "--api-url", description = "Atom API base URL (default: $PAPERSIFT_ARXIV_API_URL"
      + " or https://export.arxiv.org/api/query).")
  URI apiUrl;

  @Override
  public Integer call() {
    ArxivSettings settings = ArxivSettings.fromEnvironment(System.getenv());
    PoliteHttp.Builder http = PoliteHttp.builder()
        .minInterval(settings.minInterval())
        .timeout(settings.timeout())
        .maxRetries(settings.maxRetries());
    AtomicLong rejected = new AtomicLong();
    try (Papersift app = Papersift.open(main.dataDir()); PoliteHttp client = http.build()) {
      if (query != null || (ids != null && !ids.isEmpty())) {
        harvestAtom(app, new AtomApiClient(client, apiUrl != null ? apiUrl
            : settings.apiBaseUrl()), rejected);
      } else {
        harvestOai(app, new OaiPmhClient(client, oaiUrl != null ? oaiUrl
            : settings.oaiBaseUrl()), rejected, settings);
      }
      long indexed = app.catchUpIndex(n -> { });
      System.out.printf("store: %,d papers; keyword index: %,d papers (%,d just indexed)%n",
          app.store().count(), app.index().count(), indexed);
    }
    return rejected.get() == 0 ? Main.EXIT_OK : Main.EXIT_REJECTED;
  }

  private void harvestOai(Papersift app, OaiPmhClient client, AtomicLong rejected,
      ArxivSettings settings) {
    OaiHarvest harvest = new OaiHarvest(app.store(), client);
    OaiHarvest.Plan plan = harvest.plan(MetadataFormat.fromPrefix(format), set, from, until,
        days, OaiHarvest.todayUtc(Clock.systemUTC()));
    ListRecordsRequest request = plan.request();
    System.out.printf("harvest: OAI-PMH %s, format %s, set %s, from %s%s (%s); one request"
            + " every %.1f s%n", client.baseUrl(), request.format().prefix(),
        set == null ? "(all)" : set, request.from(), until == null ? "" : " until " + until,
        plan.why(), settings.minInterval().toMillis() / 1000.0);
    OaiHarvest.Result result;
    try {
      result = harvest.run(plan, (OaiPage page) -> {
        report(page.rejected(), rejected);
        System.err.printf("page %d: %d records, %d deleted, %d rejected%s%n", page.number(),
            page.records().size(), page.deleted().size(), page.rejected().size(),
            page.completeListSize() != null ? " (of " + page.completeListSize() + ")" : "");
      });
    } catch (RuntimeException e) {
      // serve's status page shows the outcome of the last harvest, whoever ran it
      HarvestStatus.failed(app.store(), "harvest of arXiv " + (set == null ? "(all)" : set)
          + " from " + client.baseUrl() + " failed: " + e.getMessage());
      throw e;
    }
    HarvestStatus.succeeded(app.store(), Instant.now());
    OaiHarvestSummary summary = result.summary();
    System.out.printf("harvested %,d records in %d page(s): new %,d, updated %,d, unchanged %,d,"
            + " deleted upstream %,d, rejected %,d%n", summary.records(), summary.pages(),
        result.added(), result.updated(), result.unchanged(), summary.deleted(),
        summary.rejected());
    if (result.next() != null) {
      System.out.println("next incremental harvest starts from " + result.next());
    }
  }

  private void harvestAtom(Papersift app, AtomApiClient client, AtomicLong rejected) {
    AtomQuery q = query != null ? AtomQuery.search(query) : AtomQuery.ids(ids);
    if (query != null && ids != null && !ids.isEmpty()) {
      q = new AtomQuery(query, ids, q.start(), q.pageSize(), q.limit(), q.sortBy(), q.sortOrder());
    }
    q = q.withLimit(max);
    System.out.printf("harvest: Atom API %s, %s, at most %,d%n", client.baseUrl(),
        query != null ? "search_query=" + query : "id_list=" + String.join(",", ids), max);
    Counts counts = new Counts();
    var summary = client.search(q, (AtomPage page) -> {
      store(app.store(), page.papers(), counts);
      report(page.rejected(), rejected);
      System.err.printf("page %d: %d entries (of %,d)%n", page.number(), page.size(),
          page.totalResults());
    });
    System.out.printf("fetched %,d entries of %,d: new %,d, updated %,d, unchanged %,d,"
            + " rejected %,d%n", summary.entries(), summary.totalResults(), counts.added,
        counts.updated, counts.unchanged, summary.rejected());
  }

  private static final class Counts {
    long added;
    long updated;
    long unchanged;
  }

  private static void store(PaperStore store, List<Paper> papers, Counts counts) {
    if (papers.isEmpty()) {
      return;
    }
    PaperStore.BatchResult r = store.upsertAll(papers);
    counts.added += r.added();
    counts.updated += r.updated();
    counts.unchanged += r.unchanged();
  }

  private static void report(List<RejectedRecord> rejects, AtomicLong count) {
    for (RejectedRecord r : rejects) {
      System.err.println("rejected " + r.identifier() + ": " + r.reason());
      count.incrementAndGet();
    }
  }
}
