package org.papersift.app.mail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.mail.DigestFixtures;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.DigestRenderer;
import org.papersift.store.Database;
import org.papersift.store.Outbox;
import org.papersift.store.SubscriptionStore;

/** A store with subscribers and planned digests, as the scheduler will leave it. */
final class MailHarness implements AutoCloseable {
  static final String FROM = "papersift <digest@papers.example.org>";
  static final String PERIOD = "2026-11-23";

  final Database db;
  final Outbox outbox;
  final SubscriptionStore subscribers;
  final DigestMessage messages = new DigestMessage(FROM, new DigestRenderer());

  MailHarness(Path dir) {
    db = Database.open(dir.resolve("papersift.db"));
    outbox = new Outbox(db);
    subscribers = new SubscriptionStore(db);
  }

  /** An active subscriber with a digest planned for {@link #PERIOD}; returns the message. */
  OutboxMessage planDigest(String email, Instant now) {
    long id = subscribers.subscribe(email, null,
        new DigestSchedule(Cadence.DAILY, LocalTime.of(8, 0), ZoneId.of("Europe/Berlin")), now)
        .id();
    subscribers.confirm(id, now);
    OutboxMessage m = messages.compose(OutboxKey.digest(id, PERIOD),
        DigestFixtures.digest(email), now);
    if (!outbox.plan(m, now)) {
      throw new IllegalStateException("already planned: " + m.key());
    }
    subscribers.recordDigest(id, PERIOD);
    return m;
  }

  @Override
  public void close() {
    outbox.close();
    subscribers.close();
  }
}
