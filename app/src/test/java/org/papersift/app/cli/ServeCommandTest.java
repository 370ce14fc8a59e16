package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.harvest.ArxivFixture;

/**
 * The real {@code papersift serve} in a child JVM: it imports files, serves on a free port,
 * harvests arXiv (played on 127.0.0.1) in the background, keeps serving when arXiv fails, and
 * stops cleanly on SIGTERM.
 */
class ServeCommandTest {
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
  /** arXiv settings for the child: no pause between requests, no retries, short timeout. */
  private static final Map<String, String> QUICK_ARXIV = Map.of(
      "PAPERSIFT_ARXIV_INTERVAL_MS", "0", "PAPERSIFT_ARXIV_RETRIES", "0",
      "PAPERSIFT_ARXIV_TIMEOUT_MS", "5000");

  @TempDir Path tmp;
  private Process child;

  @AfterEach
  void stop() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Path papersFile() throws IOException {
    Path file = tmp.resolve("papers.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"id\":\"2503.00001\",\"title\":\"Retrieval for science\",\"authors\":[\"Ada Lovelace\"],"
            + "\"categories\":[\"cs.IR\"],\"published\":\"2025-03-18\"}",
        "{\"id\":\"2503.00002\",\"title\":\"Sparse models\",\"authors\":[\"Alan Turing\"],"
            + "\"categories\":[\"cs.LG\"],\"published\":\"2025-03-19\"}",
        "{\"id\":\"bad line\"}",
        "") , UTF_8);
    return file;
  }

  /** Waits until the child's stdout matches {@code pattern}; fails with its output otherwise. */
  private Matcher awaitOut(Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(Files.readString(tmp.resolve("child.out")));
      if (m.find()) {
        return m;
      }
      if (!child.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + pattern + " in time\n" + ChildCli.output(tmp));
  }

  private static int get(int port, String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  /** A sign-up as a browser behind a proxy makes it: the form's token, then the post. */
  private static int signUp(int port, String forwardedFor, String email) throws Exception {
    URI base = URI.create("http://127.0.0.1:" + port);
    try (HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new java.net.CookieManager()).build()) {
      String form = http.send(HttpRequest.newBuilder(base.resolve("/signup"))
              .header("X-Forwarded-For", forwardedFor).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
      assertThat(token.find()).as(form).isTrue();
      String body = "_csrf=" + token.group(1) + "&email="
          + java.net.URLEncoder.encode(email, UTF_8) + "&password=correct-horse-battery"
          + "&confirm=correct-horse-battery";
      return http.send(HttpRequest.newBuilder(base.resolve("/signup"))
              .header("X-Forwarded-For", forwardedFor)
              .header("Origin", base.toString())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  @Test
  void behindAProxyRateLimitsCountPerForwardedClient() throws Exception {
    Path data = tmp.resolve("data");
    child = ChildCli.start(tmp, Map.of(), "--data", data.toString(), "serve", "--port", "0",
        "--no-embed", "--harvest-every", "off", "--behind-proxy");
    int port = Integer.parseInt(awaitOut(SERVING).group(1));
    // ten sign-ups an hour per client: the proxy's own address would be everyone's
    for (int i = 0; i < 10; i++) {
      assertThat(signUp(port, "10.0.0.1, 203.0.113.7", "reader" + i + "@example.org"))
          .as("sign-up %d", i).isEqualTo(303);
    }
    assertThat(signUp(port, "10.0.0.1, 203.0.113.7", "reader10@example.org")).isEqualTo(429);
    assertThat(signUp(port, "198.51.100.9", "other@example.org")).as("another client")
        .isEqualTo(303);
    // port 0 and no --site-url: the address in mails is a guess nobody can open, and it says so
    awaitOut(Pattern.compile("links in mails would point to http://127\\.0\\.0\\.1:0/, which"
        + " readers cannot open: set --site-url"));
  }

  @Test
  void importsServesAndHarvestsInTheBackground() throws Exception {
    Path data = tmp.resolve("data");
    try (ArxivFixture arxiv = new ArxivFixture()) {
      child = ChildCli.start(tmp, QUICK_ARXIV, "--data", data.toString(), "serve", "--port", "0",
          "--no-embed", "--import", papersFile().toString(), "--categories", "physics:hep-ex",
          "--harvest-every", "1h", "--oai-url", arxiv.oaiUrl().toString());
      int port = Integer.parseInt(awaitOut(SERVING).group(1));
      // the whole line: it may be read while half written
      awaitOut(Pattern.compile("harvested arXiv physics:hep-ex from .*unchanged \\d+.*\\n"));

      String out = Files.readString(tmp.resolve("child.out"));
      assertThat(out).as("%s", ChildCli.output(tmp))
          .contains("import: 1 file(s) into " + data)
          .contains("read 3 records").contains("new 2,").contains("rejected 1")
          .containsPattern("\\(ready in \\d+\\.\\d s\\): 2 papers, 2 indexed, 0 embedded \\(")
          .contains("harvest: arXiv physics:hep-ex every 1h from " + arxiv.oaiUrl()
              + " (first now)")
          .contains("harvested arXiv physics:hep-ex from ")
          .contains("3 records, new 3, updated 0, unchanged 0");
      assertThat(Files.readString(tmp.resolve("child.err"))).contains("rejected ")
          .doesNotContain("failed");
      assertThat(get(port, "/static/site.css")).isEqualTo(200);
      assertThat(Files.size(data.resolve("secret.key"))).isEqualTo(32);

      try (Connection c = ChildCli.readOnly(data.resolve("papersift.db"))) {
        assertThat(count(c, "SELECT count(*) FROM papers")).isEqualTo(5);
        assertThat(count(c, "SELECT count(*) FROM job_state WHERE name = 'harvest:last-success'"))
            .isEqualTo(1);
      }
      child.destroy(); // SIGTERM: the shutdown hook stops the harvest and closes the store
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child stopped").isTrue();
      assertThat(Files.readString(tmp.resolve("child.err"))).doesNotContain("Exception");
    }
  }

  @Test
  void keepsServingWhenArxivIsUnreachableAndSaysWhy() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + closedPort + "/oai";
    Path data = tmp.resolve("data");
    child = ChildCli.start(tmp, QUICK_ARXIV, "--data", data.toString(), "serve", "--port", "0",
        "--no-embed", "--oai-url", nowhere);
    int port = Integer.parseInt(awaitOut(SERVING).group(1));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(tmp.resolve("child.err")).contains("failed")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<String> errLines = Files.readString(tmp.resolve("child.err")).lines()
        .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    assertThat(errLines).as("%s", ChildCli.output(tmp)).hasSize(1);
    assertThat(errLines.get(0)).startsWith("papersift: harvest of arXiv cs from " + nowhere
        + " failed: ").contains("next try in 6h");
    assertThat(Files.readString(tmp.resolve("child.out")))
        .contains("harvest: arXiv cs every 6h from " + nowhere);
    assertThat(get(port, "/static/site.css")).isEqualTo(200);
    try (Connection c = ChildCli.readOnly(data.resolve("papersift.db"))) {
      assertThat(count(c, "SELECT count(*) FROM job_state WHERE name = 'harvest:problem'"
          + " AND value LIKE '%" + closedPort + "%'")).isEqualTo(1);
    }
  }

  @Test
  void harvestOffAndBadIntervals() throws Exception {
    CliRun bad = CliRun.in(tmp.resolve("data"), "serve", "--harvest-every", "sometimes");
    assertThat(bad.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.err()).contains("expected an interval like 6h").contains("sometimes");
    assertThat(Files.exists(tmp.resolve("data"))).as("nothing opened").isFalse();

    child = ChildCli.start(tmp, QUICK_ARXIV, "--data", tmp.resolve("data2").toString(), "serve",
        "--port", "0", "--no-embed", "--harvest-every", "off");
    awaitOut(SERVING);
    assertThat(Files.readString(tmp.resolve("child.out"))).contains("harvest: off");
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
