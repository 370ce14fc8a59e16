package org.papersift.app.cli;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.web.Library;
import org.papersift.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * papersift serve: the search page and JSON API, with the index kept up to the store in the
 * background (papers ingested or harvested by other papersift commands appear within seconds).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the web service: a search page at / and a JSON API at /api/search,",
        "/api/papers/ID and /api/status. Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {
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

  @Override
  public Integer call() throws InterruptedException {
    Papersift app = Papersift.open(main.dataDir());
    if (!app.index().writable()) {
      app.close();
      throw new IllegalStateException("another papersift process is writing the index in "
          + main.dataDir().root() + "; stop it first (only one serve per data directory)");
    }
    long caughtUp = app.catchUpIndex(n -> { });
    WebServer web = new WebServer(new StoreAndIndex(app)).start(host, port);
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
    // second), so it runs on its own thread and the index picks vectors up as they come.
    ScheduledExecutorService embedding = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("embedding-follower").factory());
    if (embed) {
      embedding.scheduleWithFixedDelay(() -> {
        try {
          app.catchUpEmbeddings(n -> { });
        } catch (RuntimeException e) {
          System.err.println("papersift: embedding failed, retrying: " + e.getMessage());
        }
      }, 5, 30, TimeUnit.SECONDS);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      embedding.shutdownNow();
      follower.shutdownNow();
      web.close();
      app.close();
      stopped.countDown();
    }));
    System.out.printf("papersift serving http://%s:%d/ from %s (%,d papers; %,d indexed at"
        + " start; %,d embedded with %s)%n", host, web.port(), app.dir().root(),
        app.store().count(), caughtUp, app.embeddedCount(), app.semantic().model().id());
    stopped.await();
    return Main.EXIT_OK;
  }

  /** The web layer's view of an open data directory. */
  private record StoreAndIndex(Papersift app) implements Library {
    @Override
    public SearchResult search(SearchQuery query) {
      return app.search(query, SearchMode.HYBRID);
    }

    @Override
    public Map<String, Paper> papers(Collection<String> ids) {
      return app.store().findAll(ids);
    }

    @Override
    public Status status() {
      return new Status(app.store().count(), app.index().count());
    }
  }
}
