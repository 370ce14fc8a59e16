package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.SemanticSettings;
import org.papersift.app.embed.EmbeddingFollower;
import org.papersift.app.embed.EmbeddingText;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.search.Fusion;
import org.papersift.search.Ranking;
import org.sqlite.SQLiteConfig;

/**
 * Kills a real {@code papersift embed} (SIGKILL) once some vectors are committed, then finishes
 * the job in-process: every paper ends with one vector, those committed before the kill are kept
 * as they were (not recomputed, not rewritten), and the index serves dense search over all.
 */
class EmbedKillTest {
  private static final int PAPERS = 600;
  private static final String MODEL = "all-MiniLM-L6-v2";
  /** The follower's batch: vectors and position are committed this many changes at a time. */
  private static final int BATCH = 64;
  private static final long WAIT_FOR_PROGRESS_MS = 120_000;

  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;

  static String id(int i) {
    return String.format("2502.%05d", i);
  }

  private Path writeInput() throws IOException {
    Path input = tmp.resolve("papers.jsonl");
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= PAPERS; i++) {
      sb.append("{\"id\":\"").append(id(i))
          .append("\",\"title\":\"Paper ").append(i).append(" on ")
          .append(RandomText.words(random, 6))
          .append("\",\"abstract\":\"").append(RandomText.words(random, 30))
          .append("\",\"authors\":[\"Author ").append(i % 97).append("\"],\"categories\":[\"")
          .append(i % 2 == 0 ? "cs.CL" : "math.CO")
          .append(String.format("\"],\"published\":\"2025-%02d-%02d\"}%n", 1 + i % 12,
              1 + i % 28));
    }
    Files.writeString(input, sb, UTF_8);
    return input;
  }

  private static long vectorRows(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM paper_vectors")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One row of paper_vectors as stored. */
  private record Row(String model, String textHash, byte[] vector, String createdAt) {
    boolean sameAs(Row o) {
      return model.equals(o.model) && textHash.equals(o.textHash)
          && Arrays.equals(vector, o.vector) && createdAt.equals(o.createdAt);
    }
  }

  private static Map<String, Row> rows(Path db) throws SQLException {
    Map<String, Row> out = new LinkedHashMap<>();
    try (Connection c = ChildCli.readOnly(db); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT paper_id, model, text_hash, vector, created_at"
             + " FROM paper_vectors ORDER BY paper_id")) {
      while (rs.next()) {
        out.put(rs.getString(1), new Row(rs.getString(2), rs.getString(3), rs.getBytes(4),
            rs.getString(5)));
      }
    }
    return out;
  }

  /**
   * Starts the child and kills it with SIGKILL once at least {@code atLeast} but not all vectors
   * are committed; returns the count last seen.
   */
  private long embedAndKill(Path data, long atLeast) throws Exception {
    Path db = new DataDir(data).database();
    Process child = ChildCli.start(tmp, Map.of("PAPERSIFT_MODEL", MODEL), "--data",
        data.toString(), "embed");
    long deadline = System.currentTimeMillis() + WAIT_FOR_PROGRESS_MS;
    long seen = -1;
    try (Connection c = ChildCli.readOnly(db)) {
      while (System.currentTimeMillis() < deadline) {
        if (!child.isAlive()) {
          fail("the child embed ended (exit " + child.exitValue() + ") before it could be"
              + " killed with " + atLeast + "+ vectors stored; last count seen " + seen + "\n"
              + ChildCli.output(tmp));
        }
        try {
          seen = vectorRows(c);
          if (seen >= atLeast && seen < PAPERS) {
            break;
          }
        } catch (SQLException busy) {
          // the database is busy: poll again
        }
        Thread.sleep(10);
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died").isTrue();
    }
    assertThat(seen).as("vectors seen within %d ms\n%s", WAIT_FOR_PROGRESS_MS, ChildCli.output(tmp))
        .isBetween(atLeast, PAPERS - 1L);
    // SIGKILL: the exit status is 128 + 9 on Linux
    assertThat(child.exitValue()).as("%s", ChildCli.output(tmp)).isEqualTo(137);
    assertThat(Files.readString(tmp.resolve("child.out"))).as("%s", ChildCli.output(tmp))
        .contains("embed: " + MODEL + " (max 128 tokens), " + PAPERS + " papers stored,"
            + " 0 embedded");
    return seen;
  }

  private static SemanticSettings miniLm() {
    // what the child read from its environment
    return SemanticSettings.fromEnvironment(Map.of("PAPERSIFT_MODEL", MODEL));
  }

  @Test
  void rerunAfterAKilledEmbedKeepsTheCommittedVectorsAndEmbedsOnlyTheRest() throws Exception {
    Path data = tmp.resolve("data");
    CliRun ingest = CliRun.in(data, "ingest", writeInput().toString()).noStackTrace();
    assertThat(ingest.exit()).as("%s", ingest).isZero();
    Path db = new DataDir(data).database();

    embedAndKill(data, 2 * BATCH);

    // what survived the kill: whole batches, the first papers in change order, and the
    // position saved with them
    Map<String, Row> before = rows(db);
    long kept = before.size();
    assertThat(kept).isBetween(2L * BATCH, PAPERS - 1L);
    assertThat(kept % BATCH).as("whole batches only").isZero();
    List<String> first = new ArrayList<>();
    for (int i = 1; i <= kept; i++) {
      first.add(id(i));
    }
    assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(first);
    assertThat(before.values()).allMatch(r -> r.model().equals(MODEL));

    try (Papersift app = Papersift.open(new DataDir(data), Ranking.DEFAULT, miniLm(),
        Fusion.DEFAULT)) {
      EmbeddingFollower follower = new EmbeddingFollower(app.store(), app.embedder());
      assertThat(follower.position()).as("position committed with the vectors").isEqualTo(kept);
      assertThat(app.embeddedCount()).isEqualTo(kept);

      assertThat(follower.catchUp(n -> { })).as("only the papers without a vector")
          .isEqualTo(PAPERS - kept);
      app.catchUpIndex(n -> { });

      assertThat(app.embeddedCount()).isEqualTo(PAPERS);
      assertThat(app.store().count()).isEqualTo(PAPERS);
      assertThat(app.index().count()).isEqualTo(PAPERS);
      assertThat(app.index().appliedSeq()).isEqualTo(app.store().lastSeq());
      assertThat(follower.position()).isEqualTo(app.store().lastSeq());
      assertThat(follower.catchUp(n -> { })).as("nothing left").isZero();

      // every paper has a vector of its current text
      Map<String, Row> after = rows(db);
      assertThat(after).hasSize(PAPERS);
      Map<String, Paper> papers = app.store().findAll(after.keySet());
      assertThat(papers).hasSize(PAPERS);
      for (Map.Entry<String, Row> e : after.entrySet()) {
        assertThat(e.getValue().textHash()).as(e.getKey())
            .isEqualTo(EmbeddingText.hash(papers.get(e.getKey()), 128));
        assertThat(e.getValue().vector()).hasSize(384 * Float.BYTES);
      }
      // the vectors committed before the kill are the same bytes, never rewritten
      for (Map.Entry<String, Row> e : before.entrySet()) {
        Row now = after.get(e.getKey());
        assertThat(now.sameAs(e.getValue())).as("vector of %s: before %s, after %s",
            e.getKey(), e.getValue().createdAt(), now.createdAt()).isTrue();
      }

      // the index serves dense search over every paper, those embedded before the kill too
      SearchResult all = app.index().searchDense(SearchQuery.of("unused", SearchQuery.MAX_LIMIT),
          app.embedder().embedQuery("stochastic control"), null);
      assertThat(all.hits()).as("papers with a vector in the index").hasSize(PAPERS);
      for (int i : new int[] {1, (int) kept, (int) kept + 1, PAPERS}) {
        Paper p = papers.get(id(i));
        SearchResult r = app.search(SearchQuery.of(EmbeddingText.of(p), 5), SearchMode.DENSE);
        assertThat(r.notes()).isEmpty();
        assertThat(r.hits()).extracting(Hit::id).as("dense search for paper %d", i)
            .first().isEqualTo(id(i));
        // and a filter that excludes it leaves it out
        String otherCat = i % 2 == 0 ? "math.CO" : "cs.CL";
        SearchResult filtered = app.search(SearchQuery.of(EmbeddingText.of(p), 5)
            .withFilters(List.of(otherCat), List.of(), null, null), SearchMode.DENSE);
        assertThat(filtered.hits()).extracting(Hit::id).hasSize(5).doesNotContain(id(i));
      }
    }
  }
}
