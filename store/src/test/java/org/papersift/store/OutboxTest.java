package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxClaim;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.OutboxEntry;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.OutboxStatus;

class OutboxTest {
  static final Instant T0 = Instant.parse("2026-11-23T07:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(10);

  @TempDir Path dir;
  Database db;
  Outbox outbox;
  SubscriptionStore subs;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("papersift.db"));
    outbox = new Outbox(db);
    subs = new SubscriptionStore(db);
  }

  @AfterEach
  void close() {
    outbox.close();
    outbox.close();
    subs.close();
  }

  private long subscriber(String email) {
    long id = subs.subscribe(email, null,
        new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("UTC")), T0).id();
    subs.confirm(id, T0);
    return id;
  }

  private static OutboxMessage message(long subscriberId, String period) {
    OutboxKey key = OutboxKey.digest(subscriberId, period);
    // bytes that text handling would damage: CR LF, NUL, a high byte
    byte[] eml = ("Message-ID: <" + key.text() + "@example.org>\r\n\r\nbody\0\u00ff")
        .getBytes(StandardCharsets.ISO_8859_1);
    return new OutboxMessage(key, "r" + subscriberId + "@example.org",
        "<" + key.text() + "@example.org>", "Digest " + period, eml);
  }

  @Test
  void planningTwiceCreatesNothing() {
    long s = subscriber("a@example.org");
    assertThat(outbox.plan(message(s, "2026-11-23"), T0)).isTrue();
    assertThat(outbox.plan(message(s, "2026-11-23"), T0.plusSeconds(1))).isFalse();
    assertThat(outbox.plan(message(s, "2026-11-24"), T0)).isTrue();
    assertThat(outbox.counts(T0)).isEqualTo(new OutboxCounts(2, 2, 0, 0, 0, 0, 0));
    OutboxEntry e = outbox.entry(OutboxKey.digest(s, "2026-11-23")).orElseThrow();
    assertThat(e.status()).isEqualTo(OutboxStatus.PLANNED);
    assertThat(e.attempts()).isZero();
    assertThat(e.createdAt()).isEqualTo(T0);
    assertThat(outbox.eml(e.id())).hasValueSatisfying(b ->
        assertThat(b).isEqualTo(message(s, "2026-11-23").eml()));
  }

  @Test
  void planningFromManyWritersAtOnceCreatesOneRow() throws Exception {
    long s = subscriber("a@example.org");
    List<Outbox> writers = List.of(outbox, new Outbox(db), new Outbox(db));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Outbox w = writers.get(i % writers.size());
        results.add(pool.submit(() -> {
          start.await();
          return w.plan(message(s, "2026-11-23"), T0);
        }));
      }
      start.countDown();
      int planned = 0;
      for (Future<Boolean> f : results) {
        planned += f.get() ? 1 : 0;
      }
      assertThat(planned).isEqualTo(1);
    } finally {
      pool.shutdownNow();
      writers.forEach(Outbox::close);
    }
  }

  @Test
  void claimsTakeDueRowsInOrderOnce() {
    long a = subscriber("a@example.org");
    long b = subscriber("b@example.org");
    outbox.plan(message(a, "2026-11-23"), T0);
    outbox.plan(message(b, "2026-11-23"), T0.plusSeconds(1));
    assertThat(outbox.claim(T0.minusSeconds(1), LEASE)).isEmpty(); // nothing due yet

    OutboxClaim first = outbox.claim(T0.plusSeconds(2), LEASE).orElseThrow();
    assertThat(first.entry().key().recipientId()).isEqualTo(a);
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.entry().status()).isEqualTo(OutboxStatus.SENDING);
    assertThat(first.entry().claimedUntil()).isEqualTo(T0.plusSeconds(2).plus(LEASE));
    assertThat(first.eml()).isEqualTo(message(a, "2026-11-23").eml());
    OutboxClaim second = outbox.claim(T0.plusSeconds(2), LEASE).orElseThrow();
    assertThat(second.entry().key().recipientId()).isEqualTo(b);
    assertThat(outbox.claim(T0.plusSeconds(3), LEASE)).isEmpty();
    assertThat(outbox.counts(T0.plusSeconds(3)).sending()).isEqualTo(2);

    assertThat(outbox.markSent(first, T0.plusSeconds(4))).isTrue();
    assertThat(outbox.markSent(first, T0.plusSeconds(5))).isFalse();
    OutboxEntry sent = outbox.entry(first.entry().key()).orElseThrow();
    assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(sent.claimedUntil()).isNull();
    // a sent row is never claimed again, not even long after
    assertThat(outbox.claim(T0.plus(Duration.ofDays(1)), LEASE).map(OutboxClaim::id))
        .contains(second.id()); // only b's expired lease
    assertThat(outbox.claim(T0.plus(Duration.ofDays(1)), LEASE)).isEmpty();
  }

  @Test
  void concurrentSendersNeverShareARow() throws Exception {
    List<Long> planned = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long s = subscriber("r" + i + "@example.org");
      outbox.plan(message(s, "2026-11-23"), T0);
      planned.add(outbox.entry(OutboxKey.digest(s, "2026-11-23")).orElseThrow().id());
    }
    List<Outbox> senders = List.of(outbox, new Outbox(db), new Outbox(db), new Outbox(db));
    ExecutorService pool = Executors.newFixedThreadPool(senders.size());
    List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Outbox sender : senders) {
        done.add(pool.submit((Callable<Void>) () -> {
          for (Optional<OutboxClaim> c = sender.claim(T0, LEASE); c.isPresent();
              c = sender.claim(T0, LEASE)) {
            claimed.add(c.get().id());
            sender.markSent(c.get(), T0);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      senders.forEach(Outbox::close);
    }
    assertThat(claimed).containsExactlyInAnyOrderElementsOf(planned);
  }

  @Test
  void aDeadSendersRowIsTakenOverWhenItsLeaseEnds() {
    long s = subscriber("a@example.org");
    outbox.plan(message(s, "2026-11-23"), T0);
    OutboxClaim dead = outbox.claim(T0, LEASE).orElseThrow();
    assertThat(outbox.claim(T0.plus(LEASE).minusNanos(1), LEASE)).isEmpty();

    // a new process (a new Outbox on the same file) after the lease ran out
    outbox.close();
    outbox = new Outbox(db);
    OutboxClaim next = outbox.claim(T0.plus(LEASE), LEASE).orElseThrow();
    assertThat(next.id()).isEqualTo(dead.id());
    assertThat(next.attempt()).isEqualTo(2);

    // the old claim cannot overwrite the new one's outcome ...
    assertThat(outbox.markRetry(dead, "late", T0.plus(Duration.ofHours(1)))).isFalse();
    assertThat(outbox.markBounced(dead, "late")).isFalse();
    assertThat(outbox.markFailed(dead, "late")).isFalse();
    assertThat(outbox.entry(next.entry().key()).orElseThrow().status())
        .isEqualTo(OutboxStatus.SENDING);
    // ... but its success counts: the server took the message
    assertThat(outbox.markSent(dead, T0.plus(LEASE).plusSeconds(1))).isTrue();
    assertThat(outbox.markRetry(next, "451 try later", T0.plus(Duration.ofHours(1)))).isFalse();
    assertThat(outbox.entry(next.entry().key()).orElseThrow().status())
        .isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void retriesWaitFailuresAndBouncesStayVisible() {
    long a = subscriber("a@example.org");
    long b = subscriber("b@example.org");
    long c = subscriber("c@example.org");
    outbox.plan(message(a, "2026-11-23"), T0);
    outbox.plan(message(b, "2026-11-23"), T0);
    outbox.plan(message(c, "2026-11-23"), T0);

    OutboxClaim ca = outbox.claim(T0, LEASE).orElseThrow();
    assertThat(outbox.markRetry(ca, "451 4.3.0 try again later", T0.plusSeconds(60))).isTrue();
    OutboxEntry waiting = outbox.entry(ca.entry().key()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(OutboxStatus.PLANNED);
    assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(waiting.lastError()).isEqualTo("451 4.3.0 try again later");
    assertThat(waiting.claimedUntil()).isNull();

    OutboxClaim cb = outbox.claim(T0, LEASE).orElseThrow();
    assertThat(cb.entry().key().recipientId()).isEqualTo(b);
    outbox.markBounced(cb, "550 5.1.1 user unknown");
    OutboxClaim cc = outbox.claim(T0, LEASE).orElseThrow();
    outbox.markFailed(cc, "x".repeat(5_000));
    assertThat(outbox.claim(T0.plusSeconds(59), LEASE)).isEmpty();

    assertThat(outbox.counts(T0.plusSeconds(59)))
        .isEqualTo(new OutboxCounts(1, 0, 0, 0, 1, 1, 0));
    assertThat(outbox.counts(T0.plusSeconds(60)).due()).isEqualTo(1);
    assertThat(outbox.entries(OutboxStatus.BOUNCED, 10)).singleElement()
        .satisfies(e -> assertThat(e.lastError()).contains("550"));
    assertThat(outbox.entries(OutboxStatus.FAILED, 10).get(0).lastError()).hasSize(2_001);

    OutboxClaim again = outbox.claim(T0.plusSeconds(60), LEASE).orElseThrow();
    assertThat(again.id()).isEqualTo(ca.id());
    assertThat(again.attempt()).isEqualTo(2);

    // the admin retries the bounce after fixing the address book
    assertThat(outbox.retry(cb.id(), T0.plusSeconds(70))).isTrue();
    assertThat(outbox.retry(cb.id(), T0.plusSeconds(70))).isFalse();
    OutboxClaim retried = outbox.claim(T0.plusSeconds(70), LEASE).orElseThrow();
    assertThat(retried.id()).isEqualTo(cb.id());
    assertThat(retried.attempt()).isEqualTo(1);
  }

  @Test
  void unsubscribingCancelsWhatIsPlannedAndStopsPlanning() {
    long a = subscriber("a@example.org");
    long b = subscriber("b@example.org");
    outbox.plan(message(a, "2026-11-23"), T0);
    outbox.plan(message(b, "2026-11-23"), T0);
    subs.unsubscribe(a, T0.plusSeconds(1));
    assertThat(outbox.entry(OutboxKey.digest(a, "2026-11-23")).orElseThrow().status())
        .isEqualTo(OutboxStatus.CANCELLED);
    assertThat(outbox.plan(message(a, "2026-11-24"), T0.plusSeconds(2))).isFalse();
    assertThat(outbox.claim(T0.plusSeconds(3), LEASE).orElseThrow().entry().key()
        .recipientId()).isEqualTo(b);
    assertThat(outbox.claim(T0.plusSeconds(3), LEASE)).isEmpty();
    assertThat(outbox.counts(T0).cancelled()).isEqualTo(1);
    // a row of an unknown subscriber is refused the same way
    assertThat(outbox.plan(message(999, "2026-11-23"), T0)).isFalse();
  }

  @Test
  void sentBodiesCanBeDroppedWhileTheKeysStay() {
    long a = subscriber("a@example.org");
    outbox.plan(message(a, "2026-11-23"), T0);
    OutboxClaim c = outbox.claim(T0, LEASE).orElseThrow();
    outbox.markSent(c, T0.plusSeconds(1));
    assertThat(outbox.dropSentBodies(T0.plusSeconds(1))).isZero();
    assertThat(outbox.dropSentBodies(T0.plusSeconds(2))).isEqualTo(1);
    assertThat(outbox.eml(c.id())).isEmpty();
    assertThat(outbox.plan(message(a, "2026-11-23"), T0.plusSeconds(3))).isFalse();
    assertThat(outbox.contains(OutboxKey.digest(a, "2026-11-23"))).isTrue();
  }

  private static OutboxMessage confirmMail(long subscriber, Instant at) {
    return new OutboxMessage(new OutboxKey(subscriber, "confirm",
        Long.toString(at.getEpochSecond())), "x@example.org", "<c." + subscriber + "."
        + at.getEpochSecond() + "@example.org>", "confirm",
        "Subject: confirm\r\n\r\nbody".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void confirmationMailsAreLimitedPerAddressAndPerHour() {
    Duration gap = Duration.ofMinutes(10);
    Duration hour = Duration.ofHours(1);
    long a = subscriber("a@example.org");
    long b = subscriber("b@example.org");
    long c = subscriber("c@example.org");
    assertThat(outbox.planLimited(confirmMail(a, T0), T0, gap, 2, hour))
        .isEqualTo(Outbox.Limited.PLANNED);
    assertThat(outbox.planLimited(confirmMail(a, T0), T0, gap, 2, hour))
        .isEqualTo(Outbox.Limited.ALREADY_PLANNED);
    Instant soon = T0.plus(Duration.ofMinutes(9));
    assertThat(outbox.planLimited(confirmMail(a, soon), soon, gap, 2, hour))
        .isEqualTo(Outbox.Limited.TOO_SOON);
    // a digest of the same subscriber does not count against its confirmation mails
    outbox.plan(message(b, "2026-11-23"), soon);
    assertThat(outbox.planLimited(confirmMail(b, soon), soon, gap, 2, hour))
        .isEqualTo(Outbox.Limited.PLANNED);
    // two confirmation mails within the hour: the third address waits
    assertThat(outbox.planLimited(confirmMail(c, soon), soon, gap, 2, hour))
        .isEqualTo(Outbox.Limited.OVER_LIMIT);
    Instant later = T0.plus(Duration.ofMinutes(61));
    assertThat(outbox.planLimited(confirmMail(c, later), later, gap, 2, hour))
        .isEqualTo(Outbox.Limited.PLANNED);
    assertThat(outbox.planLimited(confirmMail(a, later), later, gap, 2, hour))
        .isEqualTo(Outbox.Limited.OVER_LIMIT); // b's (minute 9) and c's are in the last hour
    subs.unsubscribe(a, later);
    assertThat(outbox.planLimited(confirmMail(a, later.plusSeconds(1)), later.plusSeconds(1),
        gap, 10, hour)).isEqualTo(Outbox.Limited.UNSUBSCRIBED);
    assertThat(outbox.counts(later).planned()).isEqualTo(3); // a's was cancelled
  }

  @Test
  void limitsHoldForWritersAtOnce() throws Exception {
    long a = subscriber("a@example.org");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Outbox.Limited>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Instant at = T0.plusSeconds(i);
        Outbox own = new Outbox(db);
        results.add(pool.submit(() -> {
          try (own) {
            start.await();
            return own.planLimited(confirmMail(a, at), at, Duration.ofMinutes(10), 100,
                Duration.ofHours(1));
          }
        }));
      }
      start.countDown();
      List<Outbox.Limited> outcomes = new ArrayList<>();
      for (Future<Outbox.Limited> f : results) {
        outcomes.add(f.get());
      }
      assertThat(Collections.frequency(outcomes, Outbox.Limited.PLANNED)).isEqualTo(1);
      assertThat(outbox.counts(T0).planned()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
