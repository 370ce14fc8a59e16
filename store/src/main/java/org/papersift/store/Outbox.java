package org.papersift.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.papersift.core.mail.OutboxClaim;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.OutboxEntry;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.OutboxStatus;

/**
 * The outbox: every message papersift means to send, one row per {@link OutboxKey}, with the
 * exact bytes to send (table {@code outbox} of V4__mail.sql, rebuilt by V7__account_mail.sql so
 * that a row goes to a digest subscriber or to an account).
 *
 * <p>How a message travels: {@link #plan} inserts it or does nothing (the key is unique, so a
 * scheduler that runs twice, in two processes or after a crash, plans nothing twice). {@link
 * #claim} moves the next due row to {@code sending} under a lease and counts the attempt; the
 * sender then reports {@link #markSent}, {@link #markRetry}, {@link #markFailed} or {@link
 * #markBounced} for its claim. A sender that dies mid-way leaves its row {@code sending}; when the
 * lease runs out, {@link #claim} hands the row to the next sender. Each of these steps is one
 * BEGIN IMMEDIATE transaction, so two senders (threads or processes) never hold the same row
 * under a live lease.
 *
 * <p>A report names its claim (row and attempt number): a failure report of a claim that was
 * taken over changes nothing, since the newer claim decides; a success report always counts, as
 * the server did accept the message (and the newer claim may stop).
 *
 * <p>Owns two connections ({@link Connections}). Thread-safe.
 */
public final class Outbox implements AutoCloseable {
  private static final String COLUMNS = "id, dedupe_key, recipient, message_id, subject, status,"
      + " attempts, next_attempt_at, claimed_until, last_error, created_at, sent_at";
  /** Longest error text kept; server replies can be long. */
  private static final int MAX_ERROR_CHARS = 2_000;

  private final Connections db;

  public Outbox(Database db) {
    this.db = new Connections(db);
  }

  /**
   * Puts a message in the outbox, due at once, unless its key is already there or its recipient
   * is gone: a subscriber who has unsubscribed (checked in the same transaction as the insert;
   * see {@code SubscriptionStore.unsubscribe}), an account that no longer exists.
   *
   * @return true when the message was planned now
   */
  public boolean plan(OutboxMessage message, Instant now) {
    OutboxKey key = message.key();
    return db.write("cannot plan " + key, c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO outbox (dedupe_key, "
          + recipientColumn(key) + ", kind, period, recipient, status, attempts,"
          + " next_attempt_at, message_id, subject, eml, created_at)"
          + " SELECT ?, ?, ?, ?, ?, 'planned', 0, ?, ?, ?, ?, ?"
          + " WHERE EXISTS (" + liveRecipient(key) + ")"
          + " ON CONFLICT (dedupe_key) DO NOTHING")) {
        String t = Timestamps.text(now);
        Connections.bind(st, key.text(), key.recipientId(), key.kind(), key.period(),
            message.recipient(), t, message.messageId(), message.subject(), message.eml(), t,
            key.recipientId());
        return st.executeUpdate() == 1;
      }
    });
  }

  /** The column naming the key's recipient: a subscriber, or an account. */
  private static String recipientColumn(OutboxKey key) {
    return key.toAccount() ? "user_id" : "subscriber_id";
  }

  /** A query with a row when the key's recipient (the one parameter) may get mail. */
  private static String liveRecipient(OutboxKey key) {
    return key.toAccount() ? "SELECT 1 FROM users WHERE id = ?"
        : "SELECT 1 FROM subscribers WHERE id = ? AND status <> 'unsubscribed'";
  }

  /** What {@link #planLimited} did. */
  public enum Limited {
    /** The message is in the outbox now. */
    PLANNED,
    /** A message with this key was planned before. */
    ALREADY_PLANNED,
    /** The subscriber has unsubscribed (or does not exist); for an account: it does not exist. */
    UNSUBSCRIBED,
    /**
     * A message of this kind went to this subscriber less than the gap ago; for an account: as
     * many as allowed went to it within the window.
     */
    TOO_SOON,
    /** As many messages of this kind as allowed were planned within the window, for everyone. */
    OVER_LIMIT
  }

  /**
   * Plans a message as {@link #plan} does, within limits on its kind (a confirmation mail, which
   * anyone can make the site send to any address): nothing when a message of the same kind was
   * planned for the same subscriber less than {@code gap} ago, or when {@code maxPerWindow} of that
   * kind were planned for anyone within {@code window}. Checks and insert are one transaction, so
   * concurrent requests (threads or processes) cannot slip past the limits together.
   */
  public Limited planLimited(OutboxMessage message, Instant now, Duration gap, int maxPerWindow,
      Duration window) {
    OutboxKey key = message.key();
    if (key.toAccount()) {
      throw new IllegalArgumentException(key + " goes to an account: use planForAccount");
    }
    return db.write("cannot plan " + key, c -> {
      if (!exists(c, liveRecipient(key), key.recipientId())) {
        return Limited.UNSUBSCRIBED;
      }
      if (exists(c, "SELECT 1 FROM outbox WHERE dedupe_key = ?", key.text())) {
        return Limited.ALREADY_PLANNED;
      }
      if (exists(c, "SELECT 1 FROM outbox WHERE subscriber_id = ? AND kind = ?"
          + " AND created_at > ?", key.recipientId(), key.kind(),
          Timestamps.text(now.minus(gap)))) {
        return Limited.TOO_SOON;
      }
      if (count(c, "SELECT count(*) FROM outbox WHERE kind = ? AND created_at > ?", key.kind(),
          Timestamps.text(now.minus(window))) >= maxPerWindow) {
        return Limited.OVER_LIMIT;
      }
      insertPlanned(c, message, now);
      return Limited.PLANNED;
    });
  }

  /**
   * Plans a message to an account ({@link OutboxKey#toAccount()}: a password reset link, which
   * anyone can ask the site to send) unless the account is gone or {@code maxPerAccount} messages
   * of the same kind were planned for it within {@code window}. Checks and insert are one
   * transaction, so the limit holds across threads, processes and restarts.
   */
  public Limited planForAccount(OutboxMessage message, Instant now, int maxPerAccount,
      Duration window) {
    OutboxKey key = message.key();
    if (!key.toAccount()) {
      throw new IllegalArgumentException(key + " goes to a subscriber: use plan or planLimited");
    }
    return db.write("cannot plan " + key, c -> {
      if (!exists(c, liveRecipient(key), key.recipientId())) {
        return Limited.UNSUBSCRIBED;
      }
      if (exists(c, "SELECT 1 FROM outbox WHERE dedupe_key = ?", key.text())) {
        return Limited.ALREADY_PLANNED;
      }
      if (count(c, "SELECT count(*) FROM outbox WHERE user_id = ? AND kind = ?"
          + " AND created_at > ?", key.recipientId(), key.kind(),
          Timestamps.text(now.minus(window))) >= maxPerAccount) {
        return Limited.TOO_SOON;
      }
      insertPlanned(c, message, now);
      return Limited.PLANNED;
    });
  }

  /** Inserts a message, due at once, to the key's recipient (subscriber or account). */
  private static void insertPlanned(java.sql.Connection c, OutboxMessage message, Instant now)
      throws SQLException {
    OutboxKey key = message.key();
    try (PreparedStatement st = c.prepareStatement("INSERT INTO outbox (dedupe_key, "
        + recipientColumn(key) + ", kind, period, recipient, status, attempts, next_attempt_at,"
        + " message_id, subject, eml, created_at)"
        + " VALUES (?, ?, ?, ?, ?, 'planned', 0, ?, ?, ?, ?, ?)")) {
      String t = Timestamps.text(now);
      Connections.bind(st, key.text(), key.recipientId(), key.kind(), key.period(),
          message.recipient(), t, message.messageId(), message.subject(), message.eml(), t);
      st.executeUpdate();
    }
  }

  private static int count(java.sql.Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      Connections.bind(st, args);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static boolean exists(java.sql.Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      Connections.bind(st, args);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether a message with this key was ever planned (whatever became of it). */
  public boolean contains(OutboxKey key) {
    return entry(key).isPresent();
  }

  public Optional<OutboxEntry> entry(OutboxKey key) {
    return db.read("cannot read " + key, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
          + " FROM outbox WHERE dedupe_key = ?")) {
        Connections.bind(st, key.text());
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(entry(rs)) : Optional.<OutboxEntry>empty();
        }
      }
    });
  }

  /** The stored bytes of row {@code id}; empty when there is no such row or they were dropped. */
  public Optional<byte[]> eml(long id) {
    return db.read("cannot read the message of outbox row " + id, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT eml FROM outbox WHERE id = ?")) {
        Connections.bind(st, id);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.<byte[]>empty();
        }
      }
    });
  }

  /**
   * Takes the next row to send: first a row whose sender's lease ran out (that sender is presumed
   * dead), then the planned row due longest. The row becomes {@code sending} until {@code now +
   * lease}, and its attempt count goes up by one. The lease must outlast one send with all its
   * timeouts: a live sender whose lease runs out may see its row sent twice.
   *
   * @return the claim, or empty when nothing is due
   */
  public Optional<OutboxClaim> claim(Instant now, Duration lease) {
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("the lease must be positive, got " + lease);
    }
    String t = Timestamps.text(now);
    return db.write("cannot claim an outbox row", c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE outbox SET status = 'sending',"
          + " attempts = attempts + 1, claimed_until = ? WHERE id = coalesce("
          + "(SELECT id FROM outbox WHERE status = 'sending' AND claimed_until <= ?"
          + " ORDER BY claimed_until, id LIMIT 1),"
          + "(SELECT id FROM outbox WHERE status = 'planned' AND next_attempt_at <= ?"
          + " ORDER BY next_attempt_at, id LIMIT 1))"
          + " RETURNING " + COLUMNS + ", eml")) {
        Connections.bind(st, Timestamps.text(now.plus(lease)), t, t);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            return Optional.<OutboxClaim>empty();
          }
          return Optional.of(new OutboxClaim(entry(rs), rs.getBytes(13)));
        }
      }
    });
  }

  /**
   * The server accepted the message of this claim. Counts unless the row is already sent, even
   * when the claim was taken over (the message did go out).
   *
   * @return true when the row changed
   */
  public boolean markSent(OutboxClaim claim, Instant now) {
    return db.update("cannot mark " + claim.entry().key() + " sent",
        "UPDATE outbox SET status = 'sent', sent_at = ?, claimed_until = NULL"
            + " WHERE id = ? AND status <> 'sent'", Timestamps.text(now), claim.id()) == 1;
  }

  /**
   * The attempt of this claim failed for now; the row is planned again for {@code nextAttemptAt}.
   *
   * @return true when the row changed; false when the claim is no longer the row's current one
   */
  public boolean markRetry(OutboxClaim claim, String error, Instant nextAttemptAt) {
    return finish(claim, "UPDATE outbox SET status = 'planned', next_attempt_at = ?,"
        + " claimed_until = NULL, last_error = ?", Timestamps.text(nextAttemptAt), error);
  }

  /** The retry policy gave up on this claim's row: failed, kept for the admin. */
  public boolean markFailed(OutboxClaim claim, String error) {
    return finish(claim, "UPDATE outbox SET status = 'failed', claimed_until = NULL,"
        + " last_error = ?", null, error);
  }

  /** The recipient's server refused the message for good: bounced, kept for the admin. */
  public boolean markBounced(OutboxClaim claim, String error) {
    return finish(claim, "UPDATE outbox SET status = 'bounced', claimed_until = NULL,"
        + " last_error = ?", null, error);
  }

  /** An update of the claim's row, only while the claim is the row's current one. */
  private boolean finish(OutboxClaim claim, String update, String time, String error) {
    String e = error == null ? "unknown error" : error.length() > MAX_ERROR_CHARS
        ? error.substring(0, MAX_ERROR_CHARS) + "…" : error;
    String where = " WHERE id = ? AND status = 'sending' AND attempts = ?";
    Object[] args = time == null ? new Object[] {e, claim.id(), claim.attempt()}
        : new Object[] {time, e, claim.id(), claim.attempt()};
    return db.update("cannot record the outcome of " + claim.entry().key(), update + where,
        args) == 1;
  }

  /**
   * The admin's retry of a failed or bounced row (e.g. after fixing the SMTP settings): planned
   * again, due at {@code now}, with a fresh count of attempts.
   *
   * @return true when the row changed
   */
  public boolean retry(long id, Instant now) {
    return db.update("cannot retry outbox row " + id, "UPDATE outbox SET status = 'planned',"
        + " attempts = 0, next_attempt_at = ? WHERE id = ? AND status IN ('failed', 'bounced')"
        + " AND eml IS NOT NULL", Timestamps.text(now), id) == 1;
  }

  /**
   * Drops the message bytes of rows sent before {@code sentBefore} (a digest is tens of kB; ten
   * thousand a day add up). The rows and keys stay, so those messages can never be planned again.
   *
   * @return rows whose bytes were dropped
   */
  public int dropSentBodies(Instant sentBefore) {
    return db.update("cannot drop sent messages", "UPDATE outbox SET eml = NULL"
        + " WHERE status = 'sent' AND sent_at < ? AND eml IS NOT NULL",
        Timestamps.text(sentBefore));
  }

  /** Rows by status, and how many planned ones are due at {@code now}. */
  public OutboxCounts counts(Instant now) {
    return db.read("cannot count the outbox", c -> {
      Map<OutboxStatus, Integer> n = new EnumMap<>(OutboxStatus.class);
      try (PreparedStatement st = c.prepareStatement(
          "SELECT status, count(*) FROM outbox GROUP BY status");
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          n.put(OutboxStatus.of(rs.getString(1)), rs.getInt(2));
        }
      }
      int due;
      try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM outbox"
          + " WHERE status = 'planned' AND next_attempt_at <= ?")) {
        Connections.bind(st, Timestamps.text(now));
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          due = rs.getInt(1);
        }
      }
      return new OutboxCounts(n.getOrDefault(OutboxStatus.PLANNED, 0), due,
          n.getOrDefault(OutboxStatus.SENDING, 0), n.getOrDefault(OutboxStatus.SENT, 0),
          n.getOrDefault(OutboxStatus.FAILED, 0), n.getOrDefault(OutboxStatus.BOUNCED, 0),
          n.getOrDefault(OutboxStatus.CANCELLED, 0));
    });
  }

  /** Rows in {@code status}, newest first, at most {@code limit} (the admin's lists). */
  public List<OutboxEntry> entries(OutboxStatus status, int limit) {
    Objects.requireNonNull(status, "status");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    return db.read("cannot list " + status.id() + " outbox rows", c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
          + " FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?")) {
        Connections.bind(st, status.id(), limit);
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(entry(rs));
          }
        }
        return out;
      }
    });
  }

  private static OutboxEntry entry(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getLong(1), OutboxKey.parse(rs.getString(2)), rs.getString(3),
        rs.getString(4), rs.getString(5), OutboxStatus.of(rs.getString(6)), rs.getInt(7),
        Timestamps.instant(rs.getString(8)), SubscriptionStore.instantOrNull(rs.getString(9)),
        rs.getString(10), Timestamps.instant(rs.getString(11)),
        SubscriptionStore.instantOrNull(rs.getString(12)));
  }

  @Override
  public void close() {
    db.close();
  }
}
