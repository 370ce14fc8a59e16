package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Paper;

class PublishedListingTest {
  static final LocalDate D1 = LocalDate.of(2025, 3, 17);
  static final LocalDate D2 = LocalDate.of(2025, 3, 18);
  static final LocalDate D3 = LocalDate.of(2025, 3, 19);
  static final Instant NOW = Instant.parse("2025-03-20T12:00:00Z");

  @TempDir Path dir;
  Database db;
  PaperStore store;
  SqliteUserStore users;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("papersift.db"));
    store = new PaperStore(db);
    users = new SqliteUserStore(db);
    store.upsertAll(List.of(
        paper("2503.00010", D1), paper("2503.00011", D1),
        paper("2503.00020", D2), paper("2503.00021", D2), paper("2503.00022", D2),
        paper("2503.00030", D3),
        Paper.of("2503.00099", "No date")));
  }

  @AfterEach
  void close() {
    users.close();
    store.close();
  }

  static Paper paper(String id, LocalDate published) {
    return new Paper(id, 1, "Paper " + id, null, List.of("Ada Lovelace"), List.of("cs.CL"),
        published, null, null, null, null, null, List.of());
  }

  private static List<String> ids(List<Paper> papers) {
    return papers.stream().map(Paper::id).toList();
  }

  @Test
  void newestFirstThenHigherIdWithinTheRangeInclusive() {
    assertThat(ids(store.publishedBetween(D1, D2, false, 0, 10))).containsExactly(
        "2503.00022", "2503.00021", "2503.00020", "2503.00011", "2503.00010");
    assertThat(ids(store.publishedBetween(D2, D2, false, 0, 10))).containsExactly(
        "2503.00022", "2503.00021", "2503.00020");
    assertThat(store.publishedBetween(D3.plusDays(1), D3.plusDays(9), false, 0, 10)).isEmpty();
  }

  @Test
  void pagesFollowOnWithoutOverlap() {
    List<String> all = new ArrayList<>();
    for (int offset = 0; offset < 6; offset += 2) {
      all.addAll(ids(store.publishedBetween(D1, D3, false, offset, 2)));
    }
    assertThat(all).containsExactly("2503.00030", "2503.00022", "2503.00021", "2503.00020",
        "2503.00011", "2503.00010");
    assertThat(store.publishedBetween(D1, D3, false, 6, 2)).isEmpty();
  }

  @Test
  void byVotesPutsTheMostVotedFirstThenNewest() {
    long a = users.createUser("a@example.org", "h", NOW).orElseThrow().id();
    long b = users.createUser("b@example.org", "h", NOW).orElseThrow().id();
    users.vote(a, "2503.00010", NOW);
    users.vote(b, "2503.00010", NOW);
    users.vote(a, "2503.00021", NOW);
    users.vote(a, "2503.00099", NOW); // no date: never listed
    users.vote(a, "2503.09999", NOW); // not stored: never listed

    assertThat(ids(store.publishedBetween(D1, D3, true, 0, 10))).containsExactly(
        "2503.00010", "2503.00021", "2503.00030", "2503.00022", "2503.00020", "2503.00011");
    assertThat(ids(store.publishedBetween(D1, D3, true, 1, 2))).containsExactly(
        "2503.00021", "2503.00030");
    // The plain order ignores votes.
    assertThat(ids(store.publishedBetween(D1, D1, false, 0, 10))).containsExactly(
        "2503.00011", "2503.00010");
  }

  @Test
  void returnsWholePapers() {
    Paper p = store.publishedBetween(D3, D3, false, 0, 1).get(0);
    assertThat(p).isEqualTo(paper("2503.00030", D3));
  }

  @Test
  void countsTheRange() {
    assertThat(store.countPublishedBetween(D1, D3)).isEqualTo(6);
    assertThat(store.countPublishedBetween(D2, D2)).isEqualTo(3);
    assertThat(store.countPublishedBetween(D3.plusDays(1), D3.plusDays(1))).isZero();
  }

  @Test
  void latestPublishedIsTheNewestDate() {
    assertThat(store.latestPublished()).contains(D3);
  }

  @Test
  void latestPublishedOfAStoreWithoutDatesIsEmpty() {
    try (PaperStore empty = new PaperStore(Database.open(dir.resolve("empty.db")))) {
      assertThat(empty.latestPublished()).isEmpty();
      empty.upsert(Paper.of("2503.00001", "Undated"));
      assertThat(empty.latestPublished()).isEmpty();
    }
  }

  @Test
  void theRangeIsReadFromThePublishedIndexAndVotesFromVotesPaper() throws SQLException {
    for (boolean byVotes : new boolean[] {false, true}) {
      String plan = plan(PaperStore.publishedSql(byVotes).replace("?", "'2025-03-17'"));
      assertThat(plan).contains("USING INDEX papers_published");
      if (byVotes) {
        assertThat(plan).contains("votes_paper");
      }
    }
  }

  private String plan(String sql) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Connection c = db.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      while (rs.next()) {
        sb.append(rs.getString("detail")).append('\n');
      }
    }
    return sb.toString();
  }
}
