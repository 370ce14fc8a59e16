package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;

class SubscriptionStoreTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final DigestSchedule DAILY_8_BERLIN =
      new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("Europe/Berlin"));
  static final DigestSchedule WEEKLY_18_NY =
      new DigestSchedule(Cadence.WEEKLY, LocalTime.of(18, 45), ZoneId.of("America/New_York"));

  @TempDir Path dir;
  Database db;
  SubscriptionStore subs;
  SqliteUserStore users;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("papersift.db"));
    subs = new SubscriptionStore(db);
    users = new SqliteUserStore(db);
  }

  @AfterEach
  void close() {
    subs.close();
    subs.close();
    users.close();
  }

  @Test
  void doubleOptInConfirmingTwiceChangesNothing() {
    Subscriber s = subs.subscribe("  Ada@Example.org ", null, DAILY_8_BERLIN, T0);
    assertThat(s.email()).isEqualTo("Ada@Example.org");
    assertThat(s.status()).isEqualTo(SubscriberStatus.PENDING);
    assertThat(s.schedule()).isEqualTo(DAILY_8_BERLIN);
    assertThat(s.userId()).isNull();
    assertThat(s.createdAt()).isEqualTo(T0);
    assertThat(s.confirmedAt()).isNull();
    assertThat(subs.active(0, 10)).isEmpty();

    Subscriber confirmed = subs.confirm(s.id(), T0.plusSeconds(60)).orElseThrow();
    assertThat(confirmed.status()).isEqualTo(SubscriberStatus.ACTIVE);
    assertThat(confirmed.confirmedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(subs.confirm(s.id(), T0.plusSeconds(120))).contains(confirmed);
    assertThat(subs.active(0, 10)).containsExactly(confirmed);
    assertThat(subs.confirm(9999, T0)).isEmpty();
  }

  @Test
  void subscribingAnActiveAddressAgainChangesNothing() {
    Subscriber s = subs.subscribe("ada@example.org", null, DAILY_8_BERLIN, T0);
    // pending: a second sign-up (any case) replaces the schedule, same row
    Subscriber again = subs.subscribe("ADA@example.org", null, WEEKLY_18_NY, T0.plusSeconds(5));
    assertThat(again.id()).isEqualTo(s.id());
    assertThat(again.schedule()).isEqualTo(WEEKLY_18_NY);
    assertThat(again.createdAt()).isEqualTo(T0);
    Subscriber active = subs.confirm(s.id(), T0.plusSeconds(10)).orElseThrow();
    // active: whoever types the address cannot change the digest
    assertThat(subs.subscribe("ada@EXAMPLE.org", 1L, DAILY_8_BERLIN, T0.plusSeconds(20)))
        .isEqualTo(active);
    assertThat(subs.byEmail("Ada@Example.ORG")).contains(active);
  }

  @Test
  void aConfirmLinkCannotUndoAnUnsubscribe() {
    Subscriber s = subs.subscribe("ada@example.org", null, DAILY_8_BERLIN, T0);
    subs.confirm(s.id(), T0);
    Subscriber left = subs.unsubscribe(s.id(), T0.plusSeconds(60)).orElseThrow();
    assertThat(left.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    assertThat(left.unsubscribedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(subs.unsubscribe(s.id(), T0.plusSeconds(120))).contains(left);
    assertThat(subs.confirm(s.id(), T0.plusSeconds(180))).contains(left);
    assertThat(subs.active(0, 10)).isEmpty();

    // coming back takes a new confirmation
    Subscriber back = subs.subscribe("ada@example.org", null, WEEKLY_18_NY, T0.plusSeconds(240));
    assertThat(back.id()).isEqualTo(s.id());
    assertThat(back.status()).isEqualTo(SubscriberStatus.PENDING);
    assertThat(back.confirmedAt()).isNull();
    assertThat(back.unsubscribedAt()).isNull();
    assertThat(subs.confirm(s.id(), T0.plusSeconds(300)).orElseThrow().active()).isTrue();
  }

  @Test
  void invalidAddressesAreRefused() {
    for (String bad : new String[] {"", "ada", "ada@example", "a b@example.org"}) {
      assertThatThrownBy(() -> subs.subscribe(bad, null, DAILY_8_BERLIN, T0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
    Subscriber idn = subs.subscribe("jörg@bücher.de", null, DAILY_8_BERLIN, T0);
    assertThat(idn.email()).isEqualTo("jörg@bücher.de");
    assertThat(subs.byEmail("JÖRG@BÜCHER.DE")).contains(idn);
  }

  @Test
  void theSchedulerPagesThroughActiveSubscribers() {
    for (int i = 0; i < 7; i++) {
      Subscriber s = subs.subscribe("r" + i + "@example.org", null, DAILY_8_BERLIN, T0);
      if (i != 3) {
        subs.confirm(s.id(), T0);
      }
    }
    List<Subscriber> first = subs.active(0, 4);
    assertThat(first).extracting(Subscriber::email)
        .containsExactly("r0@example.org", "r1@example.org", "r2@example.org", "r4@example.org");
    assertThat(subs.active(first.get(3).id(), 4)).extracting(Subscriber::email)
        .containsExactly("r5@example.org", "r6@example.org");
    subs.recordDigest(first.get(0).id(), "2026-11-20");
    assertThat(subs.subscriber(first.get(0).id()).orElseThrow().lastDigestPeriod())
        .isEqualTo("2026-11-20");
    assertThat(subs.changeSchedule(first.get(1).id(), WEEKLY_18_NY).orElseThrow().schedule())
        .isEqualTo(WEEKLY_18_NY);
    assertThat(subs.counts()).containsEntry(SubscriberStatus.ACTIVE, 6)
        .containsEntry(SubscriberStatus.PENDING, 1).containsEntry(SubscriberStatus.UNSUBSCRIBED, 0);
  }

  @Test
  void alertsBelongToTheirReader() throws Exception {
    long ada = users.createUser("ada@example.org", "h", T0).orElseThrow().id();
    long bob = users.createUser("bob@example.org", "h", T0).orElseThrow().id();
    Alert a = subs.addAlert(ada, " Diffusion ", "diffusion cat:cs.LG -survey", T0).orElseThrow();
    assertThat(a.name()).isEqualTo("Diffusion");
    assertThat(a.broken()).isFalse();
    subs.addAlert(bob, "Graphs", "graph neural", T0);
    assertThat(subs.alerts(ada)).containsExactly(a);
    assertThat(subs.deleteAlert(bob, a.id())).isFalse();

    assertThat(subs.setAlertBroken(a.id(), "The query no longer parses: unknown field foo:"))
        .isTrue();
    assertThat(subs.alerts(ada).get(0).brokenReason()).contains("foo:");
    subs.setAlertBroken(a.id(), null);
    assertThat(subs.alerts(ada).get(0).broken()).isFalse();
    assertThat(subs.deleteAlert(ada, a.id())).isTrue();
    assertThat(subs.alerts(ada)).isEmpty();

    for (int i = 0; i < SubscriptionStore.MAX_ALERTS_PER_USER; i++) {
      assertThat(subs.addAlert(ada, "a" + i, "q" + i, T0)).isPresent();
    }
    assertThat(subs.addAlert(ada, "one more", "q", T0)).isEmpty();
    assertThatThrownBy(() -> subs.addAlert(ada, "x", "  ", T0)).hasMessageContaining("query");

    // a deleted account takes its alerts along and leaves its subscription anonymous
    Subscriber s = subs.subscribe("bob@example.org", bob, DAILY_8_BERLIN, Instant.EPOCH);
    assertThat(s.userId()).isEqualTo(bob);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM users WHERE id = " + bob);
    }
    assertThat(subs.alerts(bob)).isEmpty();
    assertThat(subs.subscriber(s.id()).orElseThrow().userId()).isNull();
  }

  @Test
  void unsubscribingLeavesTheOthersAlone() {
    Subscriber a = subs.subscribe("a@example.org", null, DAILY_8_BERLIN, T0);
    Subscriber b = subs.subscribe("b@example.org", null, DAILY_8_BERLIN, T0);
    subs.confirm(a.id(), T0);
    subs.confirm(b.id(), T0);
    subs.unsubscribe(a.id(), T0.plus(Duration.ofDays(1)));
    assertThat(subs.active(0, 10)).extracting(Subscriber::id).containsExactly(b.id());
  }

  @Test
  void anAccountsSubscriptionAndTheDigestOptions() {
    long user = users.createUser("ada@example.org", "hash", T0).orElseThrow().id();
    assertThat(subs.byUser(user)).isEmpty();
    Subscriber old = subs.subscribe("old@example.org", user, DAILY_8_BERLIN, T0);
    subs.unsubscribe(old.id(), T0);
    Subscriber s = subs.subscribe("ada@example.org", user, WEEKLY_18_NY, T0.plusSeconds(1));
    assertThat(subs.byUser(user)).map(Subscriber::id).contains(s.id()); // pending beats gone
    assertThat(s.sendEmpty()).isFalse();
    // confirming records the period given, in the same change, once
    Subscriber active = subs.confirm(s.id(), T0.plusSeconds(2), "2026-W47").orElseThrow();
    assertThat(active.status()).isEqualTo(SubscriberStatus.ACTIVE);
    assertThat(active.lastDigestPeriod()).isEqualTo("2026-W47");
    subs.recordDigest(s.id(), "2026-W48");
    assertThat(subs.confirm(s.id(), T0.plusSeconds(3), "2026-W47").orElseThrow()
        .lastDigestPeriod()).isEqualTo("2026-W48");
    assertThat(subs.setSendEmpty(s.id(), true).orElseThrow().sendEmpty()).isTrue();
    assertThat(subs.active(0, 10)).singleElement().satisfies(x -> assertThat(x.sendEmpty())
        .isTrue());
    assertThat(subs.setSendEmpty(s.id(), false).orElseThrow().sendEmpty()).isFalse();
    assertThat(subs.byUser(user + 1)).isEmpty();
  }
}
