package org.papersift.app.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.papersift.app.Papersift;
import org.papersift.app.digest.ConfirmMail;
import org.papersift.app.digest.DigestPlanner;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.recommend.Recommendations;
import org.papersift.core.account.User;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.LinkTokens.Purpose;
import org.papersift.core.mail.OutboxCounts;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;
import org.papersift.core.query.InvalidQueryException;
import org.papersift.store.Outbox;
import org.papersift.store.SubscriptionStore;
import org.papersift.web.Subscriptions;

/**
 * The site's digests, alerts and recommendations over an open data directory: subscriptions in
 * the store, confirmation mails in the outbox (rate limited), signed links checked with {@link
 * LinkTokens}, previews from the {@link DigestPlanner}. Does not own the data directory.
 * Thread-safe.
 *
 * <p>Confirmation mails are limited, since anyone can make the site mail any address: at most one
 * per address every {@link DigestSettings#CONFIRM_GAP}, and at most {@link
 * DigestSettings#confirmsPerHour()} an hour for everyone (the outbox checks both in the
 * transaction that plans the mail). A visitor is told the same whatever happened.
 */
public final class SiteSubscriptions implements Subscriptions {
  private final Papersift app;
  private final DigestPlanner planner;
  private final Recommendations recommendations;
  private final LinkTokens tokens;
  private final DigestSettings settings;
  private final Clock clock;

  /** What {@link #subscribeAs} did, for the admin's command line (the site says the same). */
  public record Subscribed(Subscriber subscriber, Outbox.Limited confirmMail) {}

  public SiteSubscriptions(Papersift app, DigestPlanner planner, Recommendations recommendations,
      LinkTokens tokens, Clock clock) {
    this.app = Objects.requireNonNull(app, "app");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.recommendations = recommendations;
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.settings = planner.settings();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Over an open data directory with these settings. */
  public static SiteSubscriptions open(Papersift app, DigestSettings settings, Clock clock) {
    Recommendations recommendations = new Recommendations(app);
    LinkTokens tokens = DigestPlanner.tokens(app);
    DigestPlanner planner = new DigestPlanner(app, settings, recommendations, tokens,
        Runtime.getRuntime().availableProcessors());
    return new SiteSubscriptions(app, planner, recommendations, tokens, clock);
  }

  public DigestPlanner planner() {
    return planner;
  }

  @Override
  public boolean mailEnabled() {
    return settings.mailEnabled();
  }

  @Override
  public void subscribe(String email, Long userId, DigestSchedule schedule) {
    subscribeAs(email, userId, schedule);
  }

  /**
   * Subscribes the address (pending) and plans a confirmation mail unless a limit holds it back;
   * an active address is left as it is and gets no mail.
   *
   * @throws IllegalArgumentException naming what is wrong with the address or the schedule
   */
  public Subscribed subscribeAs(String email, Long userId, DigestSchedule schedule) {
    String typed = EmailAddresses.normalize(email);
    String problem = EmailAddresses.problem(typed);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (schedule == null) {
      throw new IllegalArgumentException("Choose how often and when digests come.");
    }
    Instant now = clock.instant();
    Subscriber s = app.subscriptions().subscribe(typed, userId, schedule, now);
    if (s.status() != SubscriberStatus.PENDING) {
      return new Subscribed(s, null);
    }
    OutboxMessage mail = ConfirmMail.compose(s, planner.links(), planner.messages(),
        planner.renderer(), settings.siteUrl(), now);
    Outbox.Limited planned = app.outbox().planLimited(mail, now, DigestSettings.CONFIRM_GAP,
        settings.confirmsPerHour(), Duration.ofHours(1));
    return new Subscribed(s, planned);
  }

  @Override
  public LinkOutcome confirm(String token) {
    return followConfirm(token, true);
  }

  @Override
  public LinkOutcome checkConfirm(String token) {
    return followConfirm(token, false);
  }

  /**
   * A confirm link, checked; with {@code confirm} its pending subscriber is confirmed, without it
   * the answer says what the page's button would do.
   */
  private LinkOutcome followConfirm(String token, boolean confirm) {
    Instant now = clock.instant();
    LinkTokens.Check check = tokens.check(token, Purpose.CONFIRM, now);
    if (!(check instanceof LinkTokens.Valid valid)) {
      return rejected(check);
    }
    SubscriptionStore store = app.subscriptions();
    Optional<Subscriber> before = store.subscriber(valid.id());
    if (before.isEmpty()) {
      return new LinkOutcome(false, "This subscription no longer exists; subscribe again.");
    }
    Subscriber s = before.get();
    if (confirm && s.status() == SubscriberStatus.PENDING) {
      // The period of now counts as sent: the first digest is the next one due, not one the
      // minute the link is followed.
      s = store.confirm(s.id(), now, s.schedule().period(now)).orElse(s);
    }
    String when = ConfirmMail.describe(s.schedule());
    return switch (s.status()) {
      case ACTIVE -> new LinkOutcome(true, confirm
          ? "Confirmed: " + s.email() + " gets papersift digests " + when + ". Each digest has a"
              + " link to unsubscribe with one click."
          : s.email() + " is confirmed already: digests go there " + when + ".");
      case UNSUBSCRIBED -> new LinkOutcome(false, s.email() + " unsubscribed after this link was"
          + " sent; subscribe again to get digests.");
      case PENDING -> confirm
          ? new LinkOutcome(false, "This subscription could not be confirmed; try the link again.")
          : new LinkOutcome(true, "One more step: press the button to get papersift digests at "
              + s.email() + ", " + when + ".");
    };
  }

  @Override
  public LinkOutcome checkUnsubscribe(String token) {
    Instant now = clock.instant();
    LinkTokens.Check check = tokens.check(token, Purpose.UNSUBSCRIBE, now);
    if (!(check instanceof LinkTokens.Valid valid)) {
      return rejected(check);
    }
    Optional<Subscriber> s = app.subscriptions().subscriber(valid.id());
    if (s.isEmpty()) {
      return new LinkOutcome(false, "This subscription no longer exists.");
    }
    return new LinkOutcome(true, s.get().status() == SubscriberStatus.UNSUBSCRIBED
        ? s.get().email() + " is unsubscribed already: no more digests go there."
        : "Stop sending papersift digests to " + s.get().email() + "?");
  }

  @Override
  public LinkOutcome unsubscribe(String token) {
    Instant now = clock.instant();
    LinkTokens.Check check = tokens.check(token, Purpose.UNSUBSCRIBE, now);
    if (!(check instanceof LinkTokens.Valid valid)) {
      return rejected(check);
    }
    Optional<Subscriber> s = app.subscriptions().unsubscribe(valid.id(), now);
    if (s.isEmpty()) {
      return new LinkOutcome(false, "This subscription no longer exists.");
    }
    return new LinkOutcome(true, "Unsubscribed: no more digests go to " + s.get().email() + ".");
  }

  private static LinkOutcome rejected(LinkTokens.Check check) {
    return new LinkOutcome(false, check instanceof LinkTokens.Rejected r ? r.reason().message()
        : "This link is not valid.");
  }

  @Override
  public Optional<Subscriber> subscriptionOf(long userId) {
    return app.subscriptions().byUser(userId);
  }

  /**
   * Changes the schedule. When the reader already got the digest of the current period, the new
   * schedule's current period counts as sent too when it is a different one (daily to weekly on a
   * Monday, say): a change never sends an extra digest the minute it is made.
   */
  @Override
  public void changeSchedule(long userId, DigestSchedule schedule, boolean sendEmpty) {
    Objects.requireNonNull(schedule, "schedule");
    SubscriptionStore store = app.subscriptions();
    Subscriber s = store.byUser(userId).orElseThrow(() -> new IllegalArgumentException(
        "You have no digest subscription yet; subscribe first."));
    Instant now = clock.instant();
    String oldPeriod = s.schedule().period(now);
    String newPeriod = schedule.period(now);
    store.changeSchedule(s.id(), schedule);
    if (sendEmpty != s.sendEmpty()) {
      store.setSendEmpty(s.id(), sendEmpty);
    }
    boolean upToDate = oldPeriod.equals(s.lastDigestPeriod());
    boolean sameCadence = s.schedule().cadence() == schedule.cadence();
    if (upToDate && !newPeriod.equals(oldPeriod)
        && (!sameCadence || newPeriod.compareTo(oldPeriod) > 0)) {
      store.recordDigest(s.id(), newPeriod);
    }
  }

  @Override
  public List<Alert> alerts(long userId) {
    return app.subscriptions().alerts(userId);
  }

  @Override
  public Alert addAlert(long userId, String name, String query) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      throw new IllegalArgumentException("Enter the search the alert runs, as on the search"
          + " page.");
    }
    if (q.length() > SubscriptionStore.MAX_ALERT_CHARS) {
      throw new IllegalArgumentException("An alert's query has at most "
          + SubscriptionStore.MAX_ALERT_CHARS + " characters; this one has " + q.length() + ".");
    }
    try {
      planner.alertQuery(q);
    } catch (InvalidQueryException e) {
      throw new IllegalArgumentException("This search cannot be an alert: " + e.getMessage(), e);
    }
    String n = name == null || name.isBlank() ? q : name.strip();
    if (n.length() > SubscriptionStore.MAX_ALERT_CHARS) {
      n = n.substring(0, SubscriptionStore.MAX_ALERT_CHARS);
    }
    return app.subscriptions().addAlert(userId, n, q, clock.instant())
        .orElseThrow(() -> new IllegalArgumentException("You have "
            + SubscriptionStore.MAX_ALERTS_PER_USER + " alerts, the most one reader can keep;"
            + " delete one first."));
  }

  @Override
  public boolean deleteAlert(long userId, long alertId) {
    return app.subscriptions().deleteAlert(userId, alertId);
  }

  @Override
  public ForYou forYou(long userId, int limit) {
    if (recommendations == null || app.embeddedCount() == 0) {
      return new ForYou(List.of(), List.of(), List.of("recommendations need paper vectors, and"
          + " no paper is embedded yet ('papersift embed', or keep 'papersift serve' running)"));
    }
    Recommendations.ForYou r = recommendations.forYou(userId, limit, null);
    List<String> ids = new ArrayList<>(r.papers().size());
    List<Double> scores = new ArrayList<>(r.papers().size());
    for (Recommendations.Recommended p : r.papers()) {
      ids.add(p.paperId());
      scores.add(p.score());
    }
    return new ForYou(ids, scores, r.notes());
  }

  /** Accounts granted admin rights on the command line ({@code papersift admin grant}). */
  @Override
  public boolean isAdmin(User user) {
    return user != null && app.users().isAdmin(user.id());
  }

  @Override
  public Optional<String> previewHtml(String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    return app.subscriptions().byEmail(email).map(s -> planner.renderer()
        .html(planner.preview(s, clock.instant()).content()));
  }

  @Override
  public OutboxCounts outbox() {
    return app.outbox().counts(clock.instant());
  }

  /** A schedule from the site's or the command line's words; throws naming a bad value. */
  public static DigestSchedule schedule(String cadence, String time, String zone) {
    Cadence c = Cadence.of(cadence == null ? "daily" : cadence.strip().toLowerCase(Locale.ROOT));
    java.time.LocalTime at;
    try {
      at = java.time.LocalTime.parse(time == null ? "08:00" : time.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("time: expected HH:MM such as 08:00, got \"" + time
          + "\"", e);
    }
    return new DigestSchedule(c, at, DigestSchedule.zone(zone == null ? "UTC" : zone.strip()));
  }
}
