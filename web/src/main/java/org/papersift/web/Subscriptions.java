package org.papersift.web;

import java.util.List;
import java.util.Optional;
import org.papersift.core.account.User;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.Subscriber;

/**
 * What the site needs for digests, alerts and recommendations (issue 5); the app implements it
 * over the store, the outbox and the recommender. Thread-safe.
 */
public interface Subscriptions {
  /** Whether SMTP is configured; without it pages say that no mail goes out yet. */
  boolean mailEnabled();

  /**
   * Subscribes the address (pending until confirmed) and plans a confirmation mail with a signed
   * link. Whatever the address's state, the visitor is told the same ("check your inbox"): the
   * answer never reveals whether it was subscribed already.
   *
   * @param userId the signed-in reader, or null (anonymous: the trending digest only)
   * @throws IllegalArgumentException naming what is wrong (address, time, time zone)
   */
  void subscribe(String email, Long userId, DigestSchedule schedule);

  /** Follows a confirm link (signed, expiring); confirming twice is fine. */
  LinkOutcome confirm(String token);

  /**
   * Checks a confirm link without acting on it (the page with the button): not ok when the link
   * is bad or expired, or the subscriber is gone; ok, with what the button would do, otherwise.
   */
  LinkOutcome checkConfirm(String token);

  /** Checks an unsubscribe link without acting on it (the page with the button). */
  LinkOutcome checkUnsubscribe(String token);

  /** Unsubscribes the link's subscriber (the page's button and RFC 8058 one-click POST). */
  LinkOutcome unsubscribe(String token);

  /** The digest subscription of this reader's account, if any. */
  Optional<Subscriber> subscriptionOf(long userId);

  /**
   * Changes the reader's own subscription's cadence, time or zone, and whether a digest goes out
   * when no section has a paper (it then says nothing was new).
   */
  void changeSchedule(long userId, DigestSchedule schedule, boolean sendEmpty);

  List<Alert> alerts(long userId);

  /**
   * Saves a search as an alert.
   *
   * @throws IllegalArgumentException when the query does not parse or the reader has too many
   */
  Alert addAlert(long userId, String name, String query);

  boolean deleteAlert(long userId, long alertId);

  /** Papers for this reader, best first, learned from their library and votes. */
  ForYou forYou(long userId, int limit);

  /** Whether this user may see the admin pages (digest preview, outbox status). */
  boolean isAdmin(User user);

  /** The HTML of the digest this address would get now; empty when no such subscriber. */
  Optional<String> previewHtml(String email);

  OutboxCounts outbox();

  /** What following a link came to, in words for the reader. */
  record LinkOutcome(boolean ok, String message) {}

  /** Recommended paper ids with their scores, and notes such as "save a few papers first". */
  record ForYou(List<String> paperIds, List<Double> scores, List<String> notes) {
    public ForYou {
      paperIds = List.copyOf(paperIds);
      scores = List.copyOf(scores);
      notes = List.copyOf(notes);
    }
  }
}
