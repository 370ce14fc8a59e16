package org.papersift.app.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.papersift.app.ArxivSettings;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestRound;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.harvest.HarvestSchedule;
import org.papersift.app.ingest.IngestTotals;
import org.papersift.app.mail.DigestSender;
import org.papersift.app.site.SigningSecret;
import org.papersift.app.site.SiteLibrary;
import org.papersift.app.site.SitePasswordResets;
import org.papersift.app.site.SiteSubscriptions;
import org.papersift.web.AccountLimits;
import org.papersift.web.WebServer;
import org.papersift.web.WebSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * papersift serve: the web site and JSON API, with the index kept up to the store in the
 * background (papers ingested or harvested by other papersift commands appear within seconds),
 * new papers embedded, and arXiv harvested on a schedule.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the web site and JSON API. Keeps the index up to the store, embeds new",
        "papers, and harvests arXiv every --harvest-every (first at start). Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {
  /** How long a sign-in lasts. */
  static final Duration SESSION_LIFETIME = Duration.ofDays(30);

  @ParentCommand Main main;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--embed", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Embed new papers in the background for semantic search (default: on;"
          + " --no-embed to leave it to 'papersift embed').")
  boolean embed;

  @Option(names = "--import", paramLabel = "FILE", arity = "1..*",
      description = "Ingest these JSONL / arXiv snapshot files before serving (as 'papersift"
          + " ingest' does).")
  List<Path> imports;

  @Option(names = "--show-rejected", paramLabel = "N", defaultValue = "100",
      description = "With --import: print at most N rejected records (default: ${DEFAULT-VALUE}).")
  int showRejected;

  @Option(names = "--harvest-every", paramLabel = "INTERVAL", defaultValue = "6h",
      description = "Harvest arXiv (OAI-PMH, incremental) at start and then this often, e.g. 6h,"
          + " 30m, 1d; 0 or off: never (default: ${DEFAULT-VALUE}).")
  String harvestEvery;

  @Option(names = "--categories", paramLabel = "SET", split = ",", defaultValue = "cs",
      description = "arXiv OAI-PMH sets to harvest, comma separated, e.g. cs,math or"
          + " physics:hep-th (default: ${DEFAULT-VALUE}).")
  List<String> categories;

  @Option(names = "--oai-url", description = "OAI-PMH base URL (default: $PAPERSIFT_OAI_URL or "
      + "https://oaipmh.arxiv.org/oai).")
  URI oaiUrl;

  @Option(names = "--site-url", paramLabel = "URL",
      description = "The site's public address, for the links in mails (default:"
          + " $PAPERSIFT_SITE_URL, else http://HOST:PORT/).")
  String siteUrl;

  @Option(names = "--secure-cookies",
      description = "Mark cookies Secure: set when the site is served over HTTPS (e.g. behind a"
          + " TLS proxy); browsers then never send them over plain HTTP.")
  boolean secureCookies;

  @Option(names = "--behind-proxy",
      description = "Every request comes through a reverse proxy on this machine that appends the"
          + " client's address to X-Forwarded-For: rate limits then count per real client, not"
          + " per proxy. Never set it when clients can reach papersift directly.")
  boolean behindProxy;

  /**
   * Whether the site's address in mails cannot be opened by a reader: port 0 (a free port,
   * unknown until the server starts) or a wildcard address, as the default made from --host and
   * --port is when those are.
   */
  static boolean unreachable(URI siteUrl) {
    String h = siteUrl.getHost() == null ? "" : siteUrl.getHost().replace("[", "").replace("]", "");
    return siteUrl.getPort() == 0 || h.equals("0.0.0.0") || h.equals("::")
        || h.equals("0:0:0:0:0:0:0:0");
  }

  /** {@link Papersift#mergeAfterBulk} after {@code what} ("importing"), told when it merged. */
  static void mergeAfterBulk(Papersift app, long papers, String what, PrintStream out) {
    long start = System.nanoTime();
    int before = app.mergeAfterBulk(papers, Papersift.BULK_CHANGES);
    if (before > 0) {
      out.printf("index: merged %d segments into 1 after %s %,d papers (%.1f s)%n", before,
          what, papers, (System.nanoTime() - start) / 1e9);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    // Settings first: a typo in an option fails before anything is opened or started.
    Duration every = HarvestSchedule.parseInterval(harvestEvery);
    ArxivSettings arxiv = ArxivSettings.fromEnvironment(System.getenv());
    if (oaiUrl != null) {
      arxiv = new ArxivSettings(oaiUrl, arxiv.apiBaseUrl(), arxiv.minInterval(), arxiv.timeout(),
          arxiv.maxRetries());
    }
    List<String> sets = categories.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (!every.isZero() && sets.isEmpty()) {
      throw new IllegalArgumentException("--categories is empty; name a set such as cs, or turn"
          + " the harvest off with --harvest-every off");
    }

    DigestSettings mail = DigestSettings.fromEnvironment(System.getenv(), siteUrl,
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");

    Papersift app = Papersift.open(main.dataDir());
    if (!app.index().writable()) {
      app.close();
      throw new IllegalStateException("another papersift process is writing the index in "
          + main.dataDir().root() + "; stop it first (only one serve per data directory)");
    }
    WebServer web;
    SiteSubscriptions subscriptions;
    SitePasswordResets resets;
    long imported = 0;
    try {
      if (imports != null && !imports.isEmpty()) {
        out.println("import: " + imports.size() + " file(s) into " + app.dir().root());
        IngestTotals totals = IngestCommand.ingest(app, imports, showRejected, true);
        IngestCommand.printSummary(out, totals, app);
        imported = totals.added() + totals.updated();
      }
      app.catchUpIndex(n -> { });
      WebSettings settings = new WebSettings(SigningSecret.loadOrCreate(app.dir().secretKey()),
          secureCookies, SESSION_LIFETIME, Clock.systemUTC());
      subscriptions = SiteSubscriptions.open(app, mail, Clock.systemUTC());
      resets = SitePasswordResets.open(app, mail, Clock.systemUTC());
      web = new WebServer(new SiteLibrary(app, Clock.systemUTC(), subscriptions, resets),
          settings, AccountLimits.DEFAULTS.withTrustForwardedFor(behindProxy)).start(host, port);
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }

    ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("index-follower").factory());
    follower.scheduleWithFixedDelay(() -> {
      try {
        app.catchUpIndex(n -> { });
      } catch (RuntimeException e) {
        System.err.println("papersift: index catch-up failed, retrying: " + e.getMessage());
      }
    }, 2, 2, TimeUnit.SECONDS);
    // Semantic search catches up behind keyword search: embedding is slow (tens of papers a
    // second), so it runs on its own thread and the index picks vectors up as they come. The
    // model loads on the first round (about a second), not before the site is up.
    ScheduledExecutorService embedding = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("embedding-follower").factory());
    // A bulk (an import, or embedding a backlog: every embedded paper is indexed again) leaves
    // many index segments, which every search pays for: merge them once it is in, in the
    // background (the site keeps serving from the old segments meanwhile).
    if (embed) {
      embedding.scheduleWithFixedDelay(() -> {
        try {
          mergeAfterBulk(app, app.catchUpEmbeddings(n -> { }), "embedding", out);
        } catch (RuntimeException e) {
          System.err.println("papersift: embedding failed, retrying: " + e.getMessage());
        }
      }, 5, 30, TimeUnit.SECONDS);
    } else if (imported >= Papersift.BULK_CHANGES) {
      long papers = imported;
      embedding.schedule(() -> {
        try {
          mergeAfterBulk(app, papers, "importing", out);
        } catch (RuntimeException e) {
          System.err.println("papersift: merging the index failed: " + e.getMessage());
        }
      }, 1, TimeUnit.SECONDS);
    }
    // Mail: plan due digests and send the outbox every minute, when SMTP is configured. Without
    // it the site still takes subscriptions; their mail waits in the outbox.
    ScheduledExecutorService digests = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("digests").factory());
    if (mail.smtp().isPresent()) {
      DigestRound round = new DigestRound(app, subscriptions.planner(), Clock.systemUTC());
      digests.scheduleWithFixedDelay(() -> {
        try {
          DigestRound.Result r = round.run(mail.smtp().get());
          if (r.didSomething()) {
            out.println("digest: " + r.line());
          }
        } catch (RuntimeException e) {
          System.err.println("papersift: digest round failed, retrying in a minute: "
              + e.getMessage());
        }
      }, 5, 60, TimeUnit.SECONDS);
      // A reader waits for a reset link: send it now, not at the next round (same thread, so
      // still one sender).
      resets.onPlanned(() -> digests.execute(() -> {
        try {
          DigestSender.Round r = round.send(mail.smtp().get());
          if (r.claimed() > 0) {
            out.println("mail: sent " + r.sent() + " of " + r.claimed() + " due"
                + (r.stopped() == null ? "" : " (stopped: " + r.stopped() + ")"));
          }
        } catch (RuntimeException e) {
          System.err.println("papersift: sending mail failed, retrying at the next round: "
              + e.getMessage());
        }
      }));
    }
    HarvestSchedule harvest = every.isZero() ? null : new HarvestSchedule(app.store(), arxiv,
        sets, every, Clock.systemUTC(), out, System.err);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (harvest != null) {
        harvest.close();
      }
      digests.shutdownNow();
      try {
        // a round writes to the store: let it finish its step before the store closes
        digests.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      embedding.shutdownNow();
      follower.shutdownNow();
      web.close();
      resets.close();
      app.close();
      stopped.countDown();
    }));
    long stored = app.store().count();
    long indexed = app.index().count();
    long embedded = app.embeddedCount();
    // Time since the JVM started, status line included: what a restart keeps readers waiting.
    double readyS = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    out.printf("papersift serving http://%s:%d/ from %s (ready in %.1f s): %,d papers, %,d"
            + " indexed, %,d embedded (%s); harvest: %s%n", host, web.port(), app.dir().root(),
        readyS, stored, indexed, embedded, app.semantic().model().id(),
        harvest == null ? "off" : harvest.describe() + " (first now)");
    out.println(mail.smtp().map(m -> "mail: " + m + "; digests planned and sent every minute,"
        + " links to " + mail.siteUrl()).orElse("mail: off (set PAPERSIFT_SMTP_HOST and"
        + " PAPERSIFT_MAIL_FROM to send digests; subscriptions are taken and their mail waits in"
        + " the outbox)") + (unreachable(mail.siteUrl()) ? "; links in mails would point to "
        + mail.siteUrl() + ", which readers cannot open: set --site-url to the site's public"
        + " address" : ""));
    if (System.getenv("PAPERSIFT_ADMINS") != null) {
      // read by an earlier papersift: an address listed in advance went to whoever signed up first
      System.err.println("papersift: PAPERSIFT_ADMINS is no longer read; grant admin rights to an"
          + " existing account with 'papersift admin grant EMAIL'");
    }
    if (harvest != null) {
      harvest.start();
    }
    stopped.await();
    return Main.EXIT_OK;
  }
}
