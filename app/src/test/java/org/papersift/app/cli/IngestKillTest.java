package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.sqlite.SQLiteConfig;

/**
 * Kills a real papersift process (SIGKILL) in the middle of an ingest, then finishes the job
 * in-process and checks that store and index agree and nothing was lost or doubled.
 */
class IngestKillTest {
  private static final int PAPERS = 40_000;
  private static final long WAIT_FOR_PROGRESS_MS = 60_000;

  static {
    CliRun.quietLucene();
  }

  @TempDir static Path shared;
  private static Path input;

  @TempDir Path tmp;

  /** The word only paper {@code i} has in its abstract. */
  static String marker(int i) {
    return "kq" + i + "zq";
  }

  static String id(int i) {
    return String.format("2501.%05d", i);
  }

  /** Writes the input once per class: hand-built JSON (every value is plain ASCII), fast gzip. */
  @BeforeAll
  static void writeInput() throws IOException {
    input = shared.resolve("papers.jsonl.gz");
    Random random = new Random(42);
    try (Writer w = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(input), 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }, UTF_8), 1 << 16)) {
      StringBuilder line = new StringBuilder(600);
      for (int i = 1; i <= PAPERS; i++) {
        line.setLength(0);
        line.append("{\"id\":\"").append(id(i))
            .append("\",\"title\":\"Paper ").append(i).append(" on ")
          .append(RandomText.words(random, 8))
            .append("\",\"abstract\":\"").append(RandomText.words(random, 25)).append(' ')
            .append(marker(i)).append(' ').append(RandomText.words(random, 25))
            .append("\",\"authors\":[\"Author ").append(i % 997).append("\",\"Coauthor ")
            .append(i % 101).append("\"],\"categories\":[\"")
            .append(i % 2 == 0 ? "cs.CL" : "math.CO")
            .append(String.format("\"],\"published\":\"2025-%02d-%02d\"}", 1 + i % 12,
                1 + i % 28))
            .append('\n');
        w.append(line);
      }
    }
  }

  private static long storedCount(Path db) throws SQLException {
    try (Connection c = ChildCli.readOnly(db)) {
      return count(c);
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM papers")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Starts the child, waits until the store holds at least {@code atLeast} papers but not all,
   * kills it with SIGKILL and returns how many papers the store kept.
   */
  private long ingestAndKill(Path data, long atLeast) throws Exception {
    Path db = new DataDir(data).database();
    Process child = ChildCli.start(tmp, Map.of(), "--data", data.toString(), "ingest",
        input.toString());
    long deadline = System.currentTimeMillis() + WAIT_FOR_PROGRESS_MS;
    Connection c = null;
    long seen = -1;
    try {
      while (System.currentTimeMillis() < deadline) {
        if (!child.isAlive()) {
          fail("the child ingest ended (exit " + child.exitValue() + ") before it could be"
              + " killed with " + atLeast + "+ papers stored; last count seen " + seen + "\n"
              + ChildCli.output(tmp));
        }
        try {
          if (c == null && Files.exists(db)) {
            c = ChildCli.readOnly(db);
          }
          if (c != null) {
            seen = count(c);
            if (seen >= atLeast && seen < PAPERS) {
              break;
            }
          }
        } catch (SQLException notYet) {
          // no schema yet (the migration is running), or the database is busy: poll again
        }
        Thread.sleep(10);
      }
    } finally {
      if (c != null) {
        c.close();
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died").isTrue();
    }
    assertThat(seen).as("store count seen within %d ms\n%s", WAIT_FOR_PROGRESS_MS,
        ChildCli.output(tmp)).isBetween(atLeast, PAPERS - 1L);
    // SIGKILL: the exit status is 128 + 9 on Linux
    assertThat(child.exitValue()).as("%s", ChildCli.output(tmp)).isEqualTo(137);
    long kept = storedCount(db);
    assertThat(kept).as("papers kept after the kill").isBetween(seen, (long) PAPERS);
    return kept;
  }

  private static void assertCompleteAndSearchable(Path data) {
    try (Papersift app = Papersift.open(new DataDir(data))) {
      assertThat(app.store().count()).isEqualTo(PAPERS);
      assertThat(app.index().count()).isEqualTo(PAPERS);
      assertThat(app.index().appliedSeq()).isEqualTo(app.store().lastSeq());
      for (int i : new int[] {1, 27_183, PAPERS}) {
        SearchResult r = app.index().search(SearchQuery.of(marker(i), 10));
        assertThat(r.hits()).extracting(Hit::id).as("search %s", marker(i))
            .containsExactly(id(i));
        assertThat(r.totalMatches()).isEqualTo(1);
      }
    }
  }

  /** Killed as soon as the first batch is committed: store and index both far behind. */
  @Test
  void rerunAfterAKillEarlyInTheIngestStoresAndIndexesEveryPaperOnce() throws Exception {
    Path data = tmp.resolve("data");
    long kept = ingestAndKill(data, 1);

    CliRun rerun = CliRun.in(data, "ingest", input.toString()).noStackTrace();
    assertThat(rerun.exit()).as("%s", rerun).isZero();
    assertThat(rerun.out()).as("%s", rerun).contains(String.format(
        ": new %,d, updated 0, unchanged %,d, rejected 0", PAPERS - kept, kept));
    assertThat(rerun.out()).contains(String.format(
        "store: %,d papers; keyword index: %,d papers", PAPERS, PAPERS));
    assertCompleteAndSearchable(data);
  }

  /**
   * Killed later, when many batches are stored but the index (which commits every 50,000
   * changes and at the end) has not committed them: status --catch-up indexes what the store
   * has, and the rerun adds the rest.
   */
  @Test
  void statusCatchUpAfterAKillLaterInTheIngestBringsTheIndexToTheStore() throws Exception {
    Path data = tmp.resolve("data");
    long kept = ingestAndKill(data, 10_000);

    try (Papersift app = Papersift.open(new DataDir(data))) {
      assertThat(app.store().count()).isEqualTo(kept);
      assertThat((long) app.index().count()).as("index never ahead of the store")
          .isLessThanOrEqualTo(kept);
    }
    CliRun status = CliRun.in(data, "status", "--catch-up").noStackTrace();
    assertThat(status.exit()).as("%s", status).isZero();
    assertThat(status.out()).contains(String.format("papers stored:          %,d (change seq", kept))
        .contains(String.format("papers keyword-indexed: %,d (change seq", kept));
    try (Papersift app = Papersift.open(new DataDir(data))) {
      assertThat((long) app.index().count()).isEqualTo(kept);
      assertThat(app.index().appliedSeq()).isEqualTo(app.store().lastSeq());
    }

    CliRun rerun = CliRun.in(data, "ingest", input.toString()).noStackTrace();
    assertThat(rerun.exit()).as("%s", rerun).isZero();
    assertCompleteAndSearchable(data);
  }
}
