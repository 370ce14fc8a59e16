package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.account.Credentials;
import org.papersift.core.account.LibraryEntry;
import org.papersift.core.account.User;
import org.papersift.core.account.Vote;

class SqliteUserStoreTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  @TempDir Path dir;
  Database db;
  SqliteUserStore users;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("papersift.db"));
    users = new SqliteUserStore(db);
  }

  @AfterEach
  void close() {
    users.close();
  }

  private User newUser(String email) {
    return users.createUser(email, "hash-of-" + email, T0).orElseThrow();
  }

  @Test
  void emailIsUniqueWhateverTheCaseAndKeptAsTyped() {
    User ada = newUser("Ada.Lovelace@Example.org");
    assertThat(ada.email()).isEqualTo("Ada.Lovelace@Example.org");
    assertThat(ada.createdAt()).isEqualTo(T0);
    assertThat(users.createUser("ada.lovelace@example.ORG", "other", T0)).isEmpty();

    Credentials c = users.credentials("ADA.LOVELACE@EXAMPLE.ORG").orElseThrow();
    assertThat(c.user()).isEqualTo(ada);
    assertThat(c.passwordHash()).isEqualTo("hash-of-Ada.Lovelace@Example.org");
    assertThat(users.credentials("nobody@example.org")).isEmpty();
    assertThat(users.user(ada.id())).contains(ada);
    assertThat(users.user(ada.id() + 1)).isEmpty();
  }

  @Test
  void adminRightsAreGrantedToAnExistingAccountOnly() {
    assertThat(users.setAdmin("boss@example.org", true)).as("no such account").isFalse();
    User boss = newUser("Boss@Example.org");
    User ada = newUser("ada@example.org");
    assertThat(users.isAdmin(boss.id())).as("a new account").isFalse();
    assertThat(users.admins()).isEmpty();

    assertThat(users.setAdmin("BOSS@example.ORG", true)).isTrue();
    assertThat(users.isAdmin(boss.id())).isTrue();
    assertThat(users.isAdmin(ada.id())).isFalse();
    assertThat(users.isAdmin(ada.id() + 100)).isFalse();
    assertThat(users.admins()).containsExactly(boss);

    assertThat(users.setAdmin("boss@example.org", false)).isTrue();
    assertThat(users.isAdmin(boss.id())).isFalse();
    assertThat(users.admins()).isEmpty();
  }

  @Test
  void usersGetDistinctIdsAndPasswordsChange() {
    User a = newUser("a@example.org");
    User b = newUser("b@example.org");
    assertThat(a.id()).isNotEqualTo(b.id());
    users.setPasswordHash(a.id(), "new-hash");
    assertThat(users.credentials("a@example.org").orElseThrow().passwordHash())
        .isEqualTo("new-hash");
    assertThat(users.credentials("b@example.org").orElseThrow().passwordHash())
        .isEqualTo("hash-of-b@example.org");
  }

  @Test
  void sessionLastsUntilItExpires() {
    User u = newUser("a@example.org");
    Instant expires = T0.plus(Duration.ofDays(30));
    users.createSession("token-hash", u.id(), T0, expires);
    assertThat(users.sessionUser("token-hash", T0)).contains(u);
    assertThat(users.sessionUser("token-hash", expires.minusNanos(1))).contains(u);
    assertThat(users.sessionUser("token-hash", expires)).isEmpty();
    assertThat(users.sessionUser("other-hash", T0)).isEmpty();
    users.deleteSession("token-hash");
    assertThat(users.sessionUser("token-hash", T0)).isEmpty();
  }

  @Test
  void expiryComparesTimesNotTheirText() {
    // Instant.toString would write "…:00Z" and "…:00.500Z", which sort the wrong way as text.
    User u = newUser("a@example.org");
    Instant expires = Instant.parse("2026-12-01T00:00:00Z");
    users.createSession("h", u.id(), T0, expires);
    assertThat(users.sessionUser("h", Instant.parse("2026-11-30T23:59:59.500Z"))).contains(u);
    assertThat(users.sessionUser("h", Instant.parse("2026-12-01T00:00:00.500Z"))).isEmpty();
  }

  @Test
  void newSessionClearsExpiredOnes() throws SQLException {
    User u = newUser("a@example.org");
    users.createSession("old", u.id(), T0, T0.plusSeconds(60));
    users.createSession("new", u.id(), T0.plusSeconds(120), T0.plus(Duration.ofDays(1)));
    assertThat(sessionHashes()).containsExactly("new");
  }

  @Test
  void signOutEverywhereElseKeepsOneSession() throws SQLException {
    User a = newUser("a@example.org");
    User b = newUser("b@example.org");
    Instant later = T0.plus(Duration.ofDays(1));
    users.createSession("a1", a.id(), T0, later);
    users.createSession("a2", a.id(), T0, later);
    users.createSession("b1", b.id(), T0, later);
    users.deleteSessionsOf(a.id(), "a2");
    assertThat(sessionHashes()).containsExactlyInAnyOrder("a2", "b1");
    users.deleteSessionsOf(a.id(), null);
    assertThat(sessionHashes()).containsExactly("b1");
  }

  @Test
  void voteCountsOnceAndCanBeTakenBack() {
    User a = newUser("a@example.org");
    User b = newUser("b@example.org");
    assertThat(users.vote(a.id(), "2503.00001", T0)).isTrue();
    assertThat(users.vote(a.id(), "2503.00001", T0.plusSeconds(5))).isFalse();
    assertThat(users.vote(b.id(), "2503.00001", T0.plusSeconds(9))).isTrue();
    assertThat(users.vote(b.id(), "2503.00002", T0.plusSeconds(9))).isTrue();

    assertThat(users.upvotes(List.of("2503.00001", "2503.00002", "2503.00003")))
        .isEqualTo(Map.of("2503.00001", 2, "2503.00002", 1));
    assertThat(users.votedAmong(a.id(), List.of("2503.00001", "2503.00002")))
        .containsExactly("2503.00001");
    // The repeated vote did not move the first one's time.
    assertThat(users.votesSince(T0)).contains(new Vote(a.id(), "2503.00001", T0));

    assertThat(users.unvote(a.id(), "2503.00001")).isTrue();
    assertThat(users.unvote(a.id(), "2503.00001")).isFalse();
    assertThat(users.upvotes(List.of("2503.00001"))).isEqualTo(Map.of("2503.00001", 1));
    assertThat(users.votedAmong(a.id(), List.of("2503.00001"))).isEmpty();
  }

  @Test
  void votesSinceIncludesTheBoundaryAndKeepsFullPrecision() {
    User a = newUser("a@example.org");
    Instant exact = Instant.parse("2026-11-20T10:00:00.123456789Z");
    users.vote(a.id(), "old", exact.minusNanos(1));
    users.vote(a.id(), "edge", exact);
    users.vote(a.id(), "new", exact.plusSeconds(1));
    assertThat(users.votesSince(exact)).containsExactlyInAnyOrder(
        new Vote(a.id(), "edge", exact), new Vote(a.id(), "new", exact.plusSeconds(1)));
  }

  @Test
  void votesOfOneUserNewestFirst() {
    User a = newUser("a@example.org");
    User b = newUser("b@example.org");
    users.vote(a.id(), "p1", T0);
    users.vote(a.id(), "p3", T0.plusSeconds(60));
    users.vote(a.id(), "p2", T0.plusSeconds(60));
    users.vote(b.id(), "p4", T0);
    assertThat(users.votesOf(a.id())).containsExactly(
        new Vote(a.id(), "p3", T0.plusSeconds(60)), new Vote(a.id(), "p2", T0.plusSeconds(60)),
        new Vote(a.id(), "p1", T0));
    users.unvote(a.id(), "p3");
    assertThat(users.votesOf(a.id())).extracting(Vote::paperId).containsExactly("p2", "p1");
    assertThat(users.votesOf(999)).isEmpty();
  }

  @Test
  void upvotesOfManyPapersAtOnce() {
    User a = newUser("a@example.org");
    List<String> ids = IntStream.range(0, 1_234).mapToObj(i -> "p" + i).toList();
    for (int i = 0; i < ids.size(); i += 3) {
      users.vote(a.id(), ids.get(i), T0);
    }
    assertThat(users.upvotes(ids)).hasSize(412).containsEntry("p1233", 1)
        .doesNotContainKey("p1232");
    assertThat(users.votedAmong(a.id(), ids)).hasSize(412);
    assertThat(users.upvotes(List.of())).isEmpty();
  }

  @Test
  void concurrentVotesOfOneUserForOnePaperMakeOneRow() throws Exception {
    User u = newUser("a@example.org");
    // Four stores over one file play four processes; each store's threads share its connections.
    List<SqliteUserStore> stores = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      stores.add(new SqliteUserStore(db));
    }
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        SqliteUserStore s = stores.get(i % stores.size());
        Instant at = T0.plusMillis(i);
        results.add(pool.submit(() -> {
          go.await();
          return s.vote(u.id(), "2503.00001", at);
        }));
      }
      go.countDown();
      int counted = 0;
      for (Future<Boolean> r : results) {
        counted += r.get() ? 1 : 0;
      }
      assertThat(counted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
      stores.forEach(SqliteUserStore::close);
    }
    assertThat(users.upvotes(List.of("2503.00001"))).isEqualTo(Map.of("2503.00001", 1));
    assertThat(countRows("votes")).isEqualTo(1);
  }

  @Test
  void libraryKeepsOneEntryPerPaperNewestFirst() {
    User a = newUser("a@example.org");
    User b = newUser("b@example.org");
    users.save(a.id(), "p1", "first", T0);
    users.save(a.id(), "p2", null, T0.plusSeconds(1));
    users.save(a.id(), "p3", "third", T0.plusSeconds(2));
    users.save(b.id(), "p1", "b's", T0);
    // Saving again changes the note, not the place.
    users.save(a.id(), "p1", "first, revised", T0.plusSeconds(3));

    assertThat(users.library(a.id(), 0, 10)).containsExactly(
        new LibraryEntry("p3", "third", T0.plusSeconds(2)),
        new LibraryEntry("p2", "", T0.plusSeconds(1)),
        new LibraryEntry("p1", "first, revised", T0));
    assertThat(users.library(a.id(), 1, 1)).extracting(LibraryEntry::paperId).containsExactly("p2");
    assertThat(users.librarySize(a.id())).isEqualTo(3);
    assertThat(users.librarySize(b.id())).isEqualTo(1);
    assertThat(users.savedAmong(a.id(), List.of("p1", "p3", "p9"))).containsExactlyInAnyOrder(
        "p1", "p3");

    assertThat(users.unsave(a.id(), "p2")).isTrue();
    assertThat(users.unsave(a.id(), "p2")).isFalse();
    assertThat(users.library(a.id(), 0, 10)).extracting(LibraryEntry::paperId)
        .containsExactly("p3", "p1");
    assertThat(users.library(b.id(), 0, 10)).extracting(LibraryEntry::note)
        .containsExactly("b's");
  }

  @Test
  void votesNeedAUserButNotAStoredPaper() {
    User a = newUser("a@example.org");
    assertThat(users.vote(a.id(), "not-ingested-yet", T0)).isTrue();
    assertThatThrownBy(() -> users.vote(a.id() + 100, "2503.00001", T0))
        .isInstanceOf(StoreException.class).hasMessageContaining("vote of user");
  }

  @Test
  void deletingAUserDeletesWhatWasTheirs() throws SQLException {
    User a = newUser("a@example.org");
    User b = newUser("b@example.org");
    users.createSession("s", a.id(), T0, T0.plusSeconds(60));
    users.vote(a.id(), "p1", T0);
    users.vote(b.id(), "p1", T0);
    users.save(a.id(), "p1", "", T0);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM users WHERE id = " + a.id());
    }
    assertThat(countRows("sessions")).isZero();
    assertThat(countRows("library_items")).isZero();
    assertThat(users.upvotes(List.of("p1"))).isEqualTo(Map.of("p1", 1));
  }

  @Test
  void closeTwiceIsSafe() {
    users.close();
    users.close();
  }

  private List<String> sessionHashes() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT token_hash FROM sessions ORDER BY token_hash")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private long countRows(String table) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
