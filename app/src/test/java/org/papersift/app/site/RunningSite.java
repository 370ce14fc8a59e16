package org.papersift.app.site;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.web.WebServer;
import org.papersift.web.WebSettings;

/**
 * The real site (store, index, SiteLibrary, WebServer) over a small corpus in a temporary data
 * directory, on 127.0.0.1 with a free port: what `papersift serve` runs, minus the schedules.
 */
public final class RunningSite implements AutoCloseable {
  /** The newest day of the corpus; {@link #DAYS} days end on it, {@link #PER_DAY} papers each. */
  public static final LocalDate LAST_DAY = LocalDate.of(2025, 3, 19);
  public static final int DAYS = 3;
  public static final int PER_DAY = 35;
  public static final String XSS_ID = "2503.99999";
  public static final String XSS_TITLE = "<script>alert('title')</script> Attention <b>is</b> all";
  public static final String XSS_AUTHOR = "<img src=x onerror=alert('author')> Mallory";

  private static final String[] TOPICS = {"retrieval augmented generation",
      "graph neural networks", "diffusion models for images", "protein structure prediction",
      "reinforcement learning from human feedback", "sparse attention for long documents",
      "speech recognition with transformers"};

  public final Papersift app;
  public final WebServer web;
  public final URI base;
  public final List<Paper> papers;

  private RunningSite(Papersift app, WebServer web, List<Paper> papers) {
    this.app = app;
    this.web = web;
    this.papers = papers;
    this.base = URI.create("http://127.0.0.1:" + web.port());
  }

  public static RunningSite start(Path dataDir) {
    Papersift app = Papersift.open(new DataDir(dataDir));
    List<Paper> papers = corpus();
    app.store().upsertAll(papers);
    app.catchUpIndex(n -> { });
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    WebSettings settings = new WebSettings(secret, false, Duration.ofDays(30), Clock.systemUTC());
    WebServer web = new WebServer(new SiteLibrary(app, Clock.systemUTC()), settings)
        .start("127.0.0.1", 0);
    return new RunningSite(app, web, papers);
  }

  /** Papers over {@link #DAYS} days, with the hostile-title paper on the last day. */
  public static List<Paper> corpus() {
    List<Paper> out = new ArrayList<>();
    int n = 0;
    for (int d = 0; d < DAYS; d++) {
      LocalDate day = LAST_DAY.minusDays(d);
      for (int i = 0; i < PER_DAY; i++, n++) {
        String topic = TOPICS[n % TOPICS.length];
        String id = String.format("2503.%05d", 10000 + n);
        out.add(paper(id, "A study of " + topic + " number " + n,
            "We study " + topic + " and report experiment " + n + " on benchmark data.",
            List.of("Ada Lovelace", "Author " + n), List.of(n % 2 == 0 ? "cs.CL" : "cs.LG"), day));
      }
    }
    out.add(paper(XSS_ID, XSS_TITLE, "An abstract with <i>markup</i> & \"quotes\".",
        List.of(XSS_AUTHOR, "Ada Lovelace"), List.of("cs.CR"), LAST_DAY));
    return out;
  }

  private static Paper paper(String id, String title, String abstractText, List<String> authors,
      List<String> categories, LocalDate day) {
    return new Paper(id, 1, title, abstractText, authors, categories, day, day, null, null,
        "10.1234/example." + id, null,
        List.of(new Link("alternate", "https://arxiv.org/abs/" + id, "text/html", null)));
  }

  public URI url(String path) {
    return base.resolve(path);
  }

  /** The raw HTML the server sends for {@code path} (what a validator should see). */
  public String fetch(String path) throws IOException, InterruptedException {
    HttpResponse<String> res = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new AssertionError(path + ": HTTP " + res.statusCode());
    }
    return res.body();
  }

  @Override
  public void close() {
    web.close();
    app.close();
  }
}
