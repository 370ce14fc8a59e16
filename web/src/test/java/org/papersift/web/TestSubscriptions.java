package org.papersift.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.papersift.core.account.User;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;
import org.papersift.core.query.SearchQuery;

/**
 * Subscriptions in memory for web tests: records what the pages asked for, with outcomes tests
 * can set. Tokens: "good" works, "expired" and anything else do not; "used" is a link already
 * followed. Alert queries go through {@link SearchQuery#parse}, as the app's do.
 */
class TestSubscriptions implements Subscriptions {
  /** A call to {@link #subscribe}. */
  record Subscribe(String email, Long userId, DigestSchedule schedule) {}

  final List<String> subscribed = new CopyOnWriteArrayList<>();
  final List<Subscribe> subscribeCalls = new CopyOnWriteArrayList<>();
  final List<String> confirmed = new CopyOnWriteArrayList<>();
  final List<String> checked = new CopyOnWriteArrayList<>();
  final List<String> unsubscribed = new CopyOnWriteArrayList<>();
  final List<DigestSchedule> scheduleChanges = new CopyOnWriteArrayList<>();
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  /** Subscriptions by user id, as subscriptionOf answers. */
  final Map<Long, Subscriber> byUser = new ConcurrentHashMap<>();
  /** Emails of admins. */
  final Set<String> admins = ConcurrentHashMap.newKeySet();
  /** Preview HTML by subscriber email. */
  final Map<String, String> previews = new ConcurrentHashMap<>();
  final List<String> previewed = new CopyOnWriteArrayList<>();
  volatile boolean mailEnabled = true;
  /** When set, subscribe throws IllegalArgumentException with this message. */
  volatile String refuseSubscribe;
  volatile ForYou forYou =
      new ForYou(new ArrayList<>(), new ArrayList<>(), List.of("save a few papers first"));
  volatile OutboxCounts outbox = new OutboxCounts(0, 0, 0, 0, 0, 0, 0);
  int maxAlerts = 20;
  private long nextAlert = 1;

  @Override
  public boolean mailEnabled() {
    return mailEnabled;
  }

  @Override
  public void subscribe(String email, Long userId, DigestSchedule schedule) {
    if (refuseSubscribe != null) {
      throw new IllegalArgumentException(refuseSubscribe);
    }
    subscribed.add(email);
    subscribeCalls.add(new Subscribe(email, userId, schedule));
  }

  @Override
  public LinkOutcome confirm(String token) {
    confirmed.add(token);
    return outcome(token, "Your subscription is confirmed.");
  }

  @Override
  public LinkOutcome checkConfirm(String token) {
    checked.add(token);
    return outcome(token, "Get digests at reader@example.org?");
  }

  @Override
  public LinkOutcome checkUnsubscribe(String token) {
    checked.add(token);
    return outcome(token, "Unsubscribe reader@example.org from the digest?");
  }

  @Override
  public LinkOutcome unsubscribe(String token) {
    unsubscribed.add(token);
    return outcome(token, "You are unsubscribed.");
  }

  private static LinkOutcome outcome(String token, String ok) {
    return switch (token) {
      case "good" -> new LinkOutcome(true, ok);
      case "expired" -> new LinkOutcome(false, "This link has expired.");
      default -> new LinkOutcome(false, "This link is not valid: it was changed or cut short.");
    };
  }

  @Override
  public Optional<Subscriber> subscriptionOf(long userId) {
    return Optional.ofNullable(byUser.get(userId));
  }

  @Override
  public void changeSchedule(long userId, DigestSchedule schedule, boolean sendEmpty) {
    Subscriber s = byUser.get(userId);
    if (s == null) {
      throw new IllegalStateException("no subscription");
    }
    scheduleChanges.add(schedule);
    byUser.put(userId, new Subscriber(s.id(), s.email(), s.userId(), s.status(), schedule,
        s.createdAt(), s.confirmedAt(), s.unsubscribedAt(), s.lastDigestPeriod(), sendEmpty));
  }

  /** Gives the user a subscription in this state. */
  Subscriber subscribe(User user, SubscriberStatus status, DigestSchedule schedule) {
    Instant t = Instant.parse("2025-02-01T00:00:00Z");
    Subscriber s = new Subscriber(100 + user.id(), user.email(), user.id(), status, schedule, t,
        status == SubscriberStatus.PENDING ? null : t,
        status == SubscriberStatus.UNSUBSCRIBED ? t.plusSeconds(86_400) : null, null);
    byUser.put(user.id(), s);
    return s;
  }

  @Override
  public List<Alert> alerts(long userId) {
    return alerts.stream().filter(a -> a.userId() == userId).toList();
  }

  @Override
  public synchronized Alert addAlert(long userId, String name, String query) {
    SearchQuery.parse(query, 10); // InvalidQueryException is an IllegalArgumentException
    if (alerts(userId).size() >= maxAlerts) {
      throw new IllegalArgumentException("You have " + maxAlerts + " alerts, the most there"
          + " can be; delete one first.");
    }
    Alert a = new Alert(nextAlert++, userId, name, query, Instant.now(), null);
    alerts.add(a);
    return a;
  }

  /** An alert whose query stopped parsing. */
  synchronized Alert addBroken(long userId, String name, String query, String reason) {
    Alert a = new Alert(nextAlert++, userId, name, query, Instant.now(), reason);
    alerts.add(a);
    return a;
  }

  @Override
  public boolean deleteAlert(long userId, long alertId) {
    return alerts.removeIf(a -> a.userId() == userId && a.id() == alertId);
  }

  @Override
  public ForYou forYou(long userId, int limit) {
    return forYou;
  }

  @Override
  public boolean isAdmin(User user) {
    return admins.contains(user.email());
  }

  @Override
  public Optional<String> previewHtml(String email) {
    previewed.add(email);
    return Optional.ofNullable(previews.get(email));
  }

  @Override
  public OutboxCounts outbox() {
    return outbox;
  }
}
