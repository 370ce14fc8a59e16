package org.papersift.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.papersift.core.account.User;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.Subscriber;

/** Subscriptions in memory for web tests: records what the pages asked for. */
class TestSubscriptions implements Subscriptions {
  final List<String> subscribed = new CopyOnWriteArrayList<>();
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private long nextAlert = 1;

  @Override
  public boolean mailEnabled() {
    return true;
  }

  @Override
  public void subscribe(String email, Long userId, DigestSchedule schedule) {
    subscribed.add(email);
  }

  @Override
  public LinkOutcome confirm(String token) {
    return new LinkOutcome("good".equals(token), "good".equals(token)
        ? "Your subscription is confirmed." : "This link is not valid.");
  }

  @Override
  public LinkOutcome checkUnsubscribe(String token) {
    return new LinkOutcome("good".equals(token), "good".equals(token)
        ? "Unsubscribe?" : "This link is not valid.");
  }

  @Override
  public LinkOutcome unsubscribe(String token) {
    return new LinkOutcome("good".equals(token), "good".equals(token)
        ? "You are unsubscribed." : "This link is not valid.");
  }

  @Override
  public Optional<Subscriber> subscriptionOf(long userId) {
    return Optional.empty();
  }

  @Override
  public void changeSchedule(long userId, DigestSchedule schedule) {
  }

  @Override
  public List<Alert> alerts(long userId) {
    return alerts.stream().filter(a -> a.userId() == userId).toList();
  }

  @Override
  public synchronized Alert addAlert(long userId, String name, String query) {
    Alert a = new Alert(nextAlert++, userId, name, query, Instant.now(), null);
    alerts.add(a);
    return a;
  }

  @Override
  public boolean deleteAlert(long userId, long alertId) {
    return alerts.removeIf(a -> a.userId() == userId && a.id() == alertId);
  }

  @Override
  public ForYou forYou(long userId, int limit) {
    return new ForYou(new ArrayList<>(), new ArrayList<>(), List.of("save a few papers first"));
  }

  @Override
  public boolean isAdmin(User user) {
    return false;
  }

  @Override
  public Optional<String> previewHtml(String email) {
    return Optional.empty();
  }

  @Override
  public OutboxCounts outbox() {
    return new OutboxCounts(0, 0, 0, 0, 0, 0, 0);
  }
}
