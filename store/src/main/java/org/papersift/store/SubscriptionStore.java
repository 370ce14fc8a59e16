package org.papersift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;

/**
 * Digest subscribers and topic alerts in the SQLite store (tables of V4__mail.sql, options of
 * V5__digest_options.sql).
 *
 * <p>Each change is one BEGIN IMMEDIATE transaction that decides from the row's current status,
 * so a confirm link followed twice, an unsubscribe from two mail clients at once, or a subscribe
 * racing an unsubscribe end in one well-defined state, also across processes. Double opt-in: a
 * subscription starts {@code pending}; only {@link #confirm} (behind a signed link that reached the
 * mailbox) makes it {@code active}. An address already active is not changed by {@link
 * #subscribe}: whoever types an address cannot change someone else's digest.
 *
 * <p>Owns two connections ({@link Connections}). Thread-safe.
 */
public final class SubscriptionStore implements AutoCloseable {
  /** Alerts one reader may keep; each is a search per digest. */
  public static final int MAX_ALERTS_PER_USER = 50;
  /** Longest alert name and query kept. */
  public static final int MAX_ALERT_CHARS = 1_000;

  private static final String COLUMNS = "id, email, user_id, status, cadence, send_hour,"
      + " send_minute, time_zone, created_at, confirmed_at, unsubscribed_at, last_digest_period,"
      + " send_empty";
  private static final String ALERT_COLUMNS =
      "id, user_id, name, query, created_at, broken_reason";

  private final Connections db;

  public SubscriptionStore(Database db) {
    this.db = new Connections(db);
  }

  /**
   * Asks for digests at {@code email} (checked with {@link EmailAddresses}; stored as given after
   * {@link EmailAddresses#normalize}). A new address, a pending one and one that unsubscribed
   * become {@code pending} with this schedule (the caller mails a confirm link); an {@code active}
   * one is returned unchanged.
   *
   * @param userId the signed-in reader, or null; an existing link to an account is kept when null
   * @return the subscriber after the change; its status tells the caller what to do next
   */
  public Subscriber subscribe(String email, Long userId, DigestSchedule schedule, Instant now) {
    String typed = EmailAddresses.normalize(email);
    String problem = EmailAddresses.problem(typed);
    if (problem != null) {
      throw new IllegalArgumentException("cannot subscribe \"" + typed + "\": " + problem);
    }
    Objects.requireNonNull(schedule, "schedule");
    String key = SqliteUserStore.emailKey(typed);
    return db.write("cannot subscribe " + typed, c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO subscribers (email, email_key,"
          + " user_id, status, cadence, send_hour, send_minute, time_zone, created_at)"
          + " VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?)"
          + " ON CONFLICT (email_key) DO UPDATE SET email = excluded.email,"
          + " user_id = coalesce(excluded.user_id, user_id), status = 'pending',"
          + " cadence = excluded.cadence, send_hour = excluded.send_hour,"
          + " send_minute = excluded.send_minute, time_zone = excluded.time_zone,"
          + " confirmed_at = NULL, unsubscribed_at = NULL"
          + " WHERE status <> 'active'")) {
        Connections.bind(st, typed, key, userId, schedule.cadence().id(),
            schedule.sendAt().getHour(), schedule.sendAt().getMinute(), schedule.zone().getId(),
            Timestamps.text(now));
        st.executeUpdate();
      }
      return one(c, "email_key = ?", key).orElseThrow();
    });
  }

  /**
   * Follows a confirm link: a pending subscriber becomes active. Confirming again, or after
   * unsubscribing, changes nothing (a confirm link must not undo an unsubscribe).
   *
   * @return the subscriber after the change, empty when there is none with this id
   */
  public Optional<Subscriber> confirm(long subscriberId, Instant now) {
    return changeStatus(subscriberId, "UPDATE subscribers SET status = 'active',"
        + " confirmed_at = ? WHERE id = ? AND status = 'pending'", now);
  }

  /**
   * As {@link #confirm(long, Instant)}, and in the same change records {@code currentPeriod} as
   * the last digest's (when this call is the one that confirms): the first digest is the next
   * one due, not one planned the minute the link is followed.
   */
  public Optional<Subscriber> confirm(long subscriberId, Instant now, String currentPeriod) {
    Objects.requireNonNull(currentPeriod, "currentPeriod");
    return db.write("cannot change subscriber " + subscriberId, c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE subscribers SET status = 'active',"
          + " confirmed_at = ?, last_digest_period = ? WHERE id = ? AND status = 'pending'")) {
        Connections.bind(st, Timestamps.text(now), currentPeriod, subscriberId);
        st.executeUpdate();
      }
      return one(c, "id = ?", subscriberId);
    });
  }

  /**
   * Leaves: pending or active becomes unsubscribed; a second time changes nothing. In the same
   * transaction, the subscriber's messages still planned in the outbox are cancelled, and {@code
   * Outbox.plan} plans nothing more for them: after this returns, only a message a sender had
   * already claimed can still go out.
   *
   * @return the subscriber after the change, empty when there is none with this id
   */
  public Optional<Subscriber> unsubscribe(long subscriberId, Instant now) {
    return db.write("cannot unsubscribe subscriber " + subscriberId, c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE subscribers SET status ="
          + " 'unsubscribed', unsubscribed_at = ? WHERE id = ? AND status <> 'unsubscribed'")) {
        Connections.bind(st, Timestamps.text(now), subscriberId);
        st.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement("UPDATE outbox SET status = 'cancelled',"
          + " last_error = 'the subscriber unsubscribed before it was sent'"
          + " WHERE subscriber_id = ? AND status = 'planned'")) {
        Connections.bind(st, subscriberId);
        st.executeUpdate();
      }
      return one(c, "id = ?", subscriberId);
    });
  }

  private Optional<Subscriber> changeStatus(long subscriberId, String sql, Instant now) {
    return db.write("cannot change subscriber " + subscriberId, c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        Connections.bind(st, Timestamps.text(now), subscriberId);
        st.executeUpdate();
      }
      return one(c, "id = ?", subscriberId);
    });
  }

  /** Changes how often and when digests come (the preferences page, behind a signed link). */
  public Optional<Subscriber> changeSchedule(long subscriberId, DigestSchedule schedule) {
    return db.write("cannot change the schedule of subscriber " + subscriberId, c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE subscribers SET cadence = ?,"
          + " send_hour = ?, send_minute = ?, time_zone = ? WHERE id = ?")) {
        Connections.bind(st, schedule.cadence().id(), schedule.sendAt().getHour(),
            schedule.sendAt().getMinute(), schedule.zone().getId(), subscriberId);
        st.executeUpdate();
      }
      return one(c, "id = ?", subscriberId);
    });
  }

  /**
   * Records that the digest of {@code period} was planned (put in the outbox) for this
   * subscriber; alerts then look for papers since. Call it after {@code Outbox.plan}: a crash
   * between the two plans nothing twice (the outbox key) and the next round records it.
   */
  public void recordDigest(long subscriberId, String period) {
    db.update("cannot record the digest " + period + " of subscriber " + subscriberId,
        "UPDATE subscribers SET last_digest_period = ? WHERE id = ?", period, subscriberId);
  }

  /** Whether the subscriber gets a digest on days when no section has a paper. */
  public Optional<Subscriber> setSendEmpty(long subscriberId, boolean sendEmpty) {
    return db.write("cannot change subscriber " + subscriberId, c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE subscribers SET send_empty = ?"
          + " WHERE id = ?")) {
        Connections.bind(st, sendEmpty ? 1 : 0, subscriberId);
        st.executeUpdate();
      }
      return one(c, "id = ?", subscriberId);
    });
  }

  public Optional<Subscriber> subscriber(long subscriberId) {
    return db.read("cannot read subscriber " + subscriberId, c -> one(c, "id = ?", subscriberId));
  }

  /** The subscriber with this address, whatever its case. */
  public Optional<Subscriber> byEmail(String email) {
    String key = SqliteUserStore.emailKey(EmailAddresses.normalize(email));
    return db.read("cannot read the subscriber " + email, c -> one(c, "email_key = ?", key));
  }

  /**
   * The subscription of an account: of the subscribers linked to {@code userId}, the active one,
   * else the pending one, else the one that unsubscribed; the newest first among equals.
   */
  public Optional<Subscriber> byUser(long userId) {
    return db.read("cannot read the subscription of user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM subscribers"
          + " WHERE user_id = ? ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'pending' THEN 1"
          + " ELSE 2 END, id DESC LIMIT 1")) {
        Connections.bind(st, userId);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(subscriber(rs)) : Optional.<Subscriber>empty();
        }
      }
    });
  }

  /**
   * Active subscribers with an id above {@code afterId}, by id, at most {@code limit}: the
   * scheduler pages through them (pass the last id seen).
   */
  public List<Subscriber> active(long afterId, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    return db.read("cannot list subscribers", c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM subscribers"
          + " WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?")) {
        Connections.bind(st, afterId, limit);
        List<Subscriber> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(subscriber(rs));
          }
        }
        return out;
      }
    });
  }

  /** Subscribers by status; every status is present. */
  public Map<SubscriberStatus, Integer> counts() {
    return db.read("cannot count subscribers", c -> {
      Map<SubscriberStatus, Integer> out = new EnumMap<>(SubscriberStatus.class);
      for (SubscriberStatus s : SubscriberStatus.values()) {
        out.put(s, 0);
      }
      try (PreparedStatement st = c.prepareStatement(
          "SELECT status, count(*) FROM subscribers GROUP BY status");
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.put(SubscriberStatus.of(rs.getString(1)), rs.getInt(2));
        }
      }
      return out;
    });
  }

  // ---- alerts

  /**
   * Saves a search as an alert of {@code userId}. The query is stored as given; whether it parses
   * is the caller's check (and {@link #setAlertBroken} records when it stops).
   *
   * @return the alert, or empty when the reader already has {@value #MAX_ALERTS_PER_USER}
   */
  public Optional<Alert> addAlert(long userId, String name, String query, Instant now) {
    String n = requireText("alert name", name);
    String q = requireText("alert query", query);
    return db.write("cannot save an alert for user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO alerts (user_id, name, query,"
          + " created_at) SELECT ?, ?, ?, ? WHERE (SELECT count(*) FROM alerts WHERE user_id = ?)"
          + " < ? RETURNING " + ALERT_COLUMNS)) {
        Connections.bind(st, userId, n, q, Timestamps.text(now), userId, MAX_ALERTS_PER_USER);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(alert(rs)) : Optional.<Alert>empty();
        }
      }
    });
  }

  /** The reader's alerts, oldest first. */
  public List<Alert> alerts(long userId) {
    return db.read("cannot read the alerts of user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + ALERT_COLUMNS
          + " FROM alerts WHERE user_id = ? ORDER BY id")) {
        Connections.bind(st, userId);
        List<Alert> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(alert(rs));
          }
        }
        return out;
      }
    });
  }

  /** Deletes an alert of this reader; false when they have none with this id. */
  public boolean deleteAlert(long userId, long alertId) {
    return db.update("cannot delete alert " + alertId, "DELETE FROM alerts WHERE id = ?"
        + " AND user_id = ?", alertId, userId) == 1;
  }

  /**
   * Marks an alert broken with the reason in words for its owner, or running again with null.
   * A broken alert stays (the owner edits or deletes it); the digest says why it is empty.
   */
  public boolean setAlertBroken(long alertId, String reason) {
    return db.update("cannot mark alert " + alertId, "UPDATE alerts SET broken_reason = ?"
        + " WHERE id = ?", reason, alertId) == 1;
  }

  private static String requireText(String what, String value) {
    String v = Objects.requireNonNull(value, what).strip();
    if (v.isEmpty() || v.length() > MAX_ALERT_CHARS) {
      throw new IllegalArgumentException(what + ": expected 1 to " + MAX_ALERT_CHARS
          + " characters, got " + v.length());
    }
    return v;
  }

  private static Optional<Subscriber> one(Connection c, String where, Object arg)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
        + " FROM subscribers WHERE " + where)) {
      Connections.bind(st, arg);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(subscriber(rs)) : Optional.empty();
      }
    }
  }

  private static Subscriber subscriber(ResultSet rs) throws SQLException {
    long userId = rs.getLong(3);
    Long user = rs.wasNull() ? null : userId;
    DigestSchedule schedule = new DigestSchedule(Cadence.of(rs.getString(5)),
        LocalTime.of(rs.getInt(6), rs.getInt(7)), DigestSchedule.zone(rs.getString(8)));
    return new Subscriber(rs.getLong(1), rs.getString(2), user,
        SubscriberStatus.of(rs.getString(4)), schedule, Timestamps.instant(rs.getString(9)),
        instantOrNull(rs.getString(10)), instantOrNull(rs.getString(11)), rs.getString(12),
        rs.getInt(13) != 0);
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
        Timestamps.instant(rs.getString(5)), rs.getString(6));
  }

  static Instant instantOrNull(String text) {
    return text == null ? null : Timestamps.instant(text);
  }

  @Override
  public void close() {
    db.close();
  }
}
