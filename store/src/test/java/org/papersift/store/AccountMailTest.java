package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.account.User;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxClaim;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.OutboxStatus;

/**
 * Mail to an account (password reset links) in the outbox (V7), and the password reset itself in
 * the user store.
 */
class AccountMailTest {
  static final Instant T0 = Instant.parse("2026-11-23T07:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;

  private static OutboxMessage reset(long userId, Instant at) {
    OutboxKey key = new OutboxKey(userId, OutboxKey.PASSWORD_RESET,
        Long.toString(at.getEpochSecond()));
    return new OutboxMessage(key, "reader@example.org", "<" + key.kind() + "@example.org>",
        "Choose a new papersift password",
        "Subject: reset\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void resetMailsGoToAnAccountAtMostThreeAnHourAndAreSentLikeAnyMail() {
    Database db = Database.open(dir.resolve("papersift.db"));
    try (SqliteUserStore users = new SqliteUserStore(db); Outbox outbox = new Outbox(db);
         SubscriptionStore subs = new SubscriptionStore(db)) {
      User u = users.createUser("reader@example.org", "hash", T0).orElseThrow();
      // a subscriber with the same id as the account: its mail counts for the subscriber only
      long s = subs.subscribe("other@example.org", null, new DigestSchedule(Cadence.DAILY,
          LocalTime.of(8, 0), ZoneId.of("UTC")), T0).id();
      assertThat(s).isEqualTo(u.id());
      assertThat(outbox.plan(new OutboxMessage(new OutboxKey(s, "confirm", "1"),
          "other@example.org", "<c@example.org>", "Confirm", new byte[] {'x'}), T0)).isTrue();

      assertThat(reset(u.id(), T0).key().toAccount()).isTrue();
      for (int i = 0; i < 3; i++) {
        assertThat(outbox.planForAccount(reset(u.id(), T0.plusSeconds(i)), T0.plusSeconds(i), 3,
            HOUR)).isEqualTo(Outbox.Limited.PLANNED);
      }
      assertThat(outbox.planForAccount(reset(u.id(), T0.plusSeconds(1)), T0.plusSeconds(5), 3,
          HOUR)).isEqualTo(Outbox.Limited.ALREADY_PLANNED);
      assertThat(outbox.planForAccount(reset(u.id(), T0.plusSeconds(10)), T0.plusSeconds(10), 3,
          HOUR)).isEqualTo(Outbox.Limited.TOO_SOON);
      assertThat(outbox.planForAccount(reset(u.id(), T0.plus(HOUR)), T0.plus(HOUR), 3, HOUR))
          .isEqualTo(Outbox.Limited.PLANNED);
      assertThat(outbox.planForAccount(reset(u.id() + 1, T0), T0, 3, HOUR))
          .isEqualTo(Outbox.Limited.UNSUBSCRIBED);
      assertThatThrownBy(() -> outbox.planLimited(reset(u.id(), T0), T0, HOUR, 10, HOUR))
          .isInstanceOf(IllegalArgumentException.class);

      OutboxClaim first = outbox.claim(T0.plus(HOUR), Duration.ofMinutes(10)).orElseThrow();
      assertThat(first.entry().key().kind()).isEqualTo("confirm");
      OutboxClaim second = outbox.claim(T0.plus(HOUR), Duration.ofMinutes(10)).orElseThrow();
      assertThat(second.entry().key()).isEqualTo(reset(u.id(), T0).key());
      assertThat(outbox.markSent(second, T0.plus(HOUR))).isTrue();
      assertThat(outbox.entry(second.entry().key()).orElseThrow().status())
          .isEqualTo(OutboxStatus.SENT);
    }
  }

  @Test
  void migratingToV7KeepsEveryOutboxRowAndItsId() throws Exception {
    Path file = dir.resolve("papersift.db");
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    Flyway.configure(AccountMailTest.class.getClassLoader()).dataSource(url, null, null)
        .locations("classpath:db/migration").target("6").load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO subscribers (id, email, email_key, status, cadence,"
          + " send_hour, send_minute, time_zone, created_at) VALUES (1, 'a@example.org',"
          + " 'a@example.org', 'active', 'daily', 8, 0, 'UTC', '2026-11-23T07:00:00.000000000Z')");
      st.executeUpdate("INSERT INTO outbox (id, dedupe_key, subscriber_id, kind, period,"
          + " recipient, status, next_attempt_at, message_id, subject, eml, created_at) VALUES"
          + " (41, '1|digest|2026-11-23', 1, 'digest', '2026-11-23', 'a@example.org', 'planned',"
          + " '2026-11-23T07:00:00.000000000Z', '<d@example.org>', 'Digest', x'41',"
          + " '2026-11-23T07:00:00.000000000Z')");
    }
    java.util.Set<String> indexesBefore = outboxIndexes(url);
    Database db = Database.open(file);
    assertThat(outboxIndexes(url)).as("the rebuilt table keeps every index it had")
        .containsAll(indexesBefore).contains("outbox_user");
    try (Outbox outbox = new Outbox(db); SqliteUserStore users = new SqliteUserStore(db)) {
      OutboxClaim old = outbox.claim(T0, Duration.ofMinutes(10)).orElseThrow();
      assertThat(old.id()).isEqualTo(41);
      assertThat(old.entry().key()).isEqualTo(OutboxKey.digest(1, "2026-11-23"));
      User u = users.createUser("reader@example.org", "hash", T0).orElseThrow();
      assertThat(outbox.planForAccount(reset(u.id(), T0), T0, 3, HOUR))
          .isEqualTo(Outbox.Limited.PLANNED);
      assertThat(outbox.entry(reset(u.id(), T0).key()).orElseThrow().id()).isGreaterThan(41);
    }
  }

  @Test
  void aResetSetsTheHashOnlyOverTheExpectedOneAndEndsEverySession() {
    Database db = Database.open(dir.resolve("papersift.db"));
    try (SqliteUserStore users = new SqliteUserStore(db)) {
      User u = users.createUser("reader@example.org", "old", T0).orElseThrow();
      User other = users.createUser("other@example.org", "theirs", T0).orElseThrow();
      users.createSession("s1", u.id(), T0, T0.plus(HOUR));
      users.createSession("s2", u.id(), T0, T0.plus(HOUR));
      users.createSession("s3", other.id(), T0, T0.plus(HOUR));
      assertThat(users.credentialsOf(u.id()).orElseThrow().passwordHash()).isEqualTo("old");

      assertThat(users.resetPassword(u.id(), "not the hash", "new")).isFalse();
      assertThat(users.sessionUser("s1", T0)).isPresent();
      assertThat(users.resetPassword(u.id(), "old", "new")).isTrue();
      assertThat(users.credentialsOf(u.id()).orElseThrow().passwordHash()).isEqualTo("new");
      assertThat(users.sessionUser("s1", T0)).isEmpty();
      assertThat(users.sessionUser("s2", T0)).isEmpty();
      assertThat(users.sessionUser("s3", T0)).isPresent();
      // the same reset again (a second click on the link) finds the hash changed
      assertThat(users.resetPassword(u.id(), "old", "newer")).isFalse();
      assertThat(users.credentialsOf(u.id() + 99)).isEmpty();
    }
  }

  private static java.util.Set<String> outboxIndexes(String url) throws Exception {
    java.util.Set<String> names = new java.util.TreeSet<>();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE"
             + " type = 'index' AND tbl_name = 'outbox' AND name NOT LIKE 'sqlite_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
