package org.papersift.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.papersift.core.account.User;
import org.papersift.core.mail.Alert;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.core.mail.Subscriber;
import org.papersift.core.mail.SubscriberStatus;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.SearchQuery;
import org.papersift.web.view.AdminDigestPage;
import org.papersift.web.view.DigestSettingsPage;
import org.papersift.web.view.ForYouPage;
import org.papersift.web.view.LinkPage;
import org.papersift.web.view.Listing;
import org.papersift.web.view.Pager;
import org.papersift.web.view.PaperItem;
import org.papersift.web.view.ScheduleForm;
import org.papersift.web.view.SearchForm;
import org.papersift.web.view.SubscribePage;
import org.papersift.web.view.Urls;

/**
 * Digests, alerts and recommendations on the site (issue 5), over {@link Subscriptions}:
 *
 * <ul>
 *   <li>{@code /subscribe}: the subscribe form; its answer is "check your inbox" whatever the
 *       address's state. Besides the app's own limits, each client address may post it {@value
 *       #SUBSCRIBES_PER_HOUR} times an hour (then 429), so the form cannot be used to flood
 *       inboxes with confirmation mail.
 *   <li>{@code /subscribe/confirm} and {@code /unsubscribe}: the signed links of the mails.
 *       {@code GET /unsubscribe} only asks (mail scanners follow links); {@code POST
 *       /unsubscribe} acts, from the page's button or as the RFC 8058 one-click POST a mail
 *       client sends without cookies: the one request the security filter lets through without a
 *       CSRF token (the signed token in the address is the proof).
 *   <li>{@code /account/digest}, {@code /alerts}: a reader's schedule and topic alerts.
 *   <li>{@code /for-you}: a reader's recommended papers.
 *   <li>{@code /admin/digest}: outbox counts and a digest preview, for admins only (404 for
 *       everyone else). The preview is served by itself with a CSP that allows no script and lets
 *       only this site frame it, and is shown in a sandboxed iframe.
 * </ul>
 */
final class SubscriptionRoutes {
  static final int SUBSCRIBES_PER_HOUR = 10;
  static final int FOR_YOU = 30;
  static final int MAX_ALERT_NAME = 200;
  /** Alert names made from the query are cut to this many characters. */
  static final int DEFAULT_NAME_CHARS = 80;
  /** Longer tokens are no link of ours: refused without asking the app. */
  static final int MAX_TOKEN = 2_000;
  static final String PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline';"
      + " img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'";
  private static final Pattern ID = Pattern.compile("\\d{1,18}");
  private static final int MAX_ZONE = 64;
  private static final Set<String> NOTICES = Set.of("schedule", "added", "deleted");
  private static final ZoneId UTC = ZoneId.of("UTC");

  private final Library library;
  private final Subscriptions subscriptions;
  private final Templates templates;
  private final AccountLimits limits;
  private final RateLimiter subscribesPerClient;

  SubscriptionRoutes(Library library, Templates templates, WebSettings settings,
      AccountLimits limits) {
    this.library = library;
    this.subscriptions = library.subscriptions();
    this.templates = templates;
    this.limits = limits;
    this.subscribesPerClient = new RateLimiter(
        new AccountLimits.Rate(SUBSCRIBES_PER_HOUR, Duration.ofHours(1)),
        limits.maxTrackedKeys(), settings.clock());
  }

  void register(RoutesConfig routes) {
    routes.get("/subscribe", this::subscribeForm);
    routes.post("/subscribe", this::subscribe);
    routes.get("/subscribe/confirm", this::confirmQuestion);
    routes.post("/subscribe/confirm", this::confirm);
    routes.get("/unsubscribe", this::unsubscribeQuestion);
    routes.post("/unsubscribe", this::unsubscribe);
    routes.get("/account/digest", this::settings);
    routes.post("/account/digest", this::changeSchedule);
    routes.post("/alerts", this::addAlert);
    routes.post("/alerts/{id}/delete", this::deleteAlert);
    routes.get("/for-you", this::forYou);
    routes.get("/admin/digest", this::admin);
    routes.get("/admin/digest/preview", this::preview);
  }

  // ---- subscribe ---------------------------------------------------------------------------

  private void subscribeForm(Context ctx) {
    Visitor visitor = Visitor.of(ctx);
    String email = visitor.signedIn() ? visitor.user().email() : "";
    renderSubscribe(ctx, 200, email, ScheduleForm.fresh(), null);
  }

  private void subscribe(Context ctx) {
    Visitor visitor = Visitor.of(ctx);
    String email = EmailAddresses.normalize(ctx.formParam("email"));
    ScheduleForm form = scheduleForm(ctx, true);
    String problem = EmailAddresses.problem(email);
    DigestSchedule schedule = null;
    if (problem == null) {
      try {
        schedule = schedule(form, ctx.formParam("detected_zone"));
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      renderSubscribe(ctx, 400, email, form, problem);
      return;
    }
    String client = AccountRoutes.clientKey(ctx, limits.trustForwardedFor());
    Duration wait = subscribesPerClient.tryAcquire(client);
    if (wait != null) {
      ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
      long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
      renderSubscribe(ctx, 429, email, form, "Too many subscriptions from your network. Try"
          + " again in " + (minutes == 1 ? "a minute" : minutes + " minutes") + ".");
      return;
    }
    try {
      // Only the account's own address carries the account (its alerts and picks): another
      // address typed by a signed-in reader is an anonymous subscription, so a stranger who
      // confirms it never receives the account's digest.
      boolean ownAddress = visitor.signedIn()
          && visitor.user().email().equalsIgnoreCase(email.strip());
      subscriptions.subscribe(email, ownAddress ? visitor.user().id() : null, schedule);
    } catch (IllegalArgumentException e) {
      subscribesPerClient.refund(client);
      renderSubscribe(ctx, 400, email, form, e.getMessage());
      return;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("visitor", visitor);
    params.put("email", email);
    params.put("mailEnabled", subscriptions.mailEnabled());
    templates.render(ctx, "digest/subscribed.jte", params);
  }

  private void renderSubscribe(Context ctx, int status, String email, ScheduleForm form,
      String message) {
    ctx.status(status);
    render(ctx, "digest/subscribe.jte", Visitor.of(ctx),
        new SubscribePage(email, form, message, subscriptions.mailEnabled()));
  }

  // ---- confirm and unsubscribe links ---------------------------------------------------------

  /**
   * The page of the mail's confirm link: the link checked, then a button, not the act. Mail
   * systems fetch links to scan them; confirming on GET would let a scanner subscribe an address
   * without its owner.
   */
  private void confirmQuestion(Context ctx) {
    String token = token(ctx);
    Subscriptions.LinkOutcome outcome = token == null ? invalidLink(ctx)
        : subscriptions.checkConfirm(token);
    if (!outcome.ok()) {
      linkPage(ctx, LinkPage.outcome("This link did not work", false, outcome.message()));
      return;
    }
    linkPage(ctx, new LinkPage("Confirm your subscription", true, outcome.message(),
        "/subscribe/confirm?token=" + Urls.query(token), "Confirm",
        "If you did not ask for papersift digests, close this page: nothing will be sent."));
  }

  private void confirm(Context ctx) {
    String token = token(ctx);
    Subscriptions.LinkOutcome outcome = token == null ? invalidLink(ctx)
        : subscriptions.confirm(token);
    linkPage(ctx, LinkPage.outcome(outcome.ok() ? "Subscription confirmed"
        : "This link did not work", outcome.ok(), outcome.message()));
  }

  /** The page of the mail's unsubscribe link: a question with a button, never the act. */
  private void unsubscribeQuestion(Context ctx) {
    String token = token(ctx);
    Subscriptions.LinkOutcome outcome = token == null ? invalidLink(ctx)
        : subscriptions.checkUnsubscribe(token);
    linkPage(ctx, new LinkPage(outcome.ok() ? "Unsubscribe" : "This link did not work",
        outcome.ok(), outcome.message(),
        outcome.ok() ? "/unsubscribe?token=" + Urls.query(token) : null, "Unsubscribe",
        "No more digests go to this address once you press the button. You can subscribe again"
            + " at any time."));
  }

  /** The button, and RFC 8058 one-click (no cookies, no CSRF token; see SecurityFilter). */
  private void unsubscribe(Context ctx) {
    String token = token(ctx);
    Subscriptions.LinkOutcome outcome = token == null ? invalidLink(ctx)
        : subscriptions.unsubscribe(token);
    linkPage(ctx, LinkPage.outcome(outcome.ok() ? "Unsubscribed" : "This link did not work",
        outcome.ok(), outcome.message()));
  }

  /** The link's token from the address (or, for a form, its field); null when unusable. */
  private static String token(Context ctx) {
    String token = ctx.queryParam("token");
    if ((token == null || token.isBlank()) && ctx.isFormUrlencoded()) {
      token = ctx.formParam("token");
    }
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
      return null;
    }
    return token.strip();
  }

  private static Subscriptions.LinkOutcome invalidLink(Context ctx) {
    String token = ctx.queryParam("token");
    return new Subscriptions.LinkOutcome(false, token == null || token.isBlank()
        ? "This link has no token. Copy the whole link from the mail into the address bar."
        : "This link is not valid. Copy the whole link from the mail into the address bar.");
  }

  private void linkPage(Context ctx, LinkPage page) {
    // The address holds the token: keep the answer out of caches.
    ctx.header("Cache-Control", "private, no-store");
    ctx.status(page.ok() ? 200 : 400);
    render(ctx, "digest/link.jte", Visitor.of(ctx), page);
  }

  // ---- the reader's digest settings and alerts -----------------------------------------------

  private void settings(Context ctx) {
    User user = pageUser(ctx, "/account/digest");
    if (user == null) {
      return;
    }
    String notice = switch (noticeParam(ctx)) {
      case "schedule" -> "Your digest schedule is saved.";
      case "added" -> "Alert saved: its new papers go into your next digest.";
      case "deleted" -> "Alert deleted.";
      default -> null;
    };
    renderSettings(ctx, 200, user, null, null, null, "", "", notice);
  }

  private static String noticeParam(Context ctx) {
    String n = ctx.queryParam("done");
    return n != null && NOTICES.contains(n) ? n : "";
  }

  private void changeSchedule(Context ctx) {
    User user = pageUser(ctx, "/account/digest");
    if (user == null) {
      return;
    }
    ScheduleForm form = scheduleForm(ctx, false);
    Optional<Subscriber> current = subscriptions.subscriptionOf(user.id());
    if (current.isEmpty() || !live(current.get())) {
      renderSettings(ctx, 400, user, ScheduleForm.fresh(), "You have no digest subscription to"
          + " change: subscribe first.", null, "", "", null);
      return;
    }
    try {
      subscriptions.changeSchedule(user.id(), schedule(form, null),
          "yes".equals(ctx.formParam("send_empty")));
    } catch (IllegalArgumentException e) {
      renderSettings(ctx, 400, user, form, e.getMessage(), null, "", "", null);
      return;
    }
    ctx.redirect("/account/digest?done=schedule", HttpStatus.SEE_OTHER);
  }

  /**
   * Saves an alert: from the settings page (name, query) or from the search page's "Save as
   * alert" button (the search form's fields, made one query as the search feed does).
   */
  private void addAlert(Context ctx) {
    User user = pageUser(ctx, "/account/digest");
    if (user == null) {
      return;
    }
    String query = ctx.formParam("query");
    if (query == null) {
      query = PageRoutes.feedQuery(new SearchForm(ctx.formParam("q"), "", ctx.formParam("cat"),
          ctx.formParam("author"), ctx.formParam("from"), ctx.formParam("to")));
    }
    query = query.strip();
    String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").strip();
    String problem = null;
    if (query.isEmpty()) {
      problem = "Enter the search the alert runs, such as: retrieval augmented generation"
          + " cat:cs.CL";
    } else if (query.length() > SearchQuery.MAX_TEXT_CHARS) {
      problem = "An alert's query has at most " + SearchQuery.MAX_TEXT_CHARS
          + " characters; this one has " + query.length() + ".";
      query = "";
    } else if (name.length() > MAX_ALERT_NAME) {
      problem = "An alert's name has at most " + MAX_ALERT_NAME + " characters.";
    }
    if (problem == null) {
      if (name.isEmpty()) {
        name = defaultName(query);
      }
      try {
        subscriptions.addAlert(user.id(), name, query);
        ctx.redirect("/account/digest?done=added", HttpStatus.SEE_OTHER);
        return;
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    renderSettings(ctx, 400, user, null, null, problem, name, query, null);
  }

  /** The query as the alert's name, cut at a word when long. */
  static String defaultName(String query) {
    String q = query.replaceAll("\\s+", " ");
    if (q.length() <= DEFAULT_NAME_CHARS) {
      return q;
    }
    int cut = q.lastIndexOf(' ', DEFAULT_NAME_CHARS - 1);
    if (cut < DEFAULT_NAME_CHARS / 2) {
      cut = DEFAULT_NAME_CHARS - 1;
      if (Character.isHighSurrogate(q.charAt(cut - 1))) {
        cut--;
      }
    }
    return q.substring(0, cut).stripTrailing() + "…";
  }

  private void deleteAlert(Context ctx) {
    User user = pageUser(ctx, "/account/digest");
    if (user == null) {
      return;
    }
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches() || !subscriptions.deleteAlert(user.id(), Long.parseLong(id))) {
      throw new NotFoundResponse("You have no alert " + Period.quote(id) + ".");
    }
    ctx.redirect("/account/digest?done=deleted", HttpStatus.SEE_OTHER);
  }

  /** The settings page; a null schedule form shows the reader's subscription as it is. */
  private void renderSettings(Context ctx, int status, User user, ScheduleForm schedule,
      String scheduleMessage, String alertMessage, String alertName, String alertQuery,
      String notice) {
    Subscriber subscription = subscriptions.subscriptionOf(user.id()).orElse(null);
    ScheduleForm form = schedule;
    if (form == null) {
      form = subscription != null && live(subscription) ? ScheduleForm.of(subscription.schedule())
          : ScheduleForm.fresh();
    }
    DigestSettingsPage page = new DigestSettingsPage(subscription, form, user.email(),
        scheduleMessage, subscriptions.alerts(user.id()), alertName, alertQuery, alertMessage,
        notice, subscriptions.mailEnabled(), subscriptions.isAdmin(user));
    ctx.status(status);
    render(ctx, "digest/settings.jte", Visitor.of(ctx), page);
  }

  // ---- for you -------------------------------------------------------------------------------

  private void forYou(Context ctx) {
    User user = pageUser(ctx, "/for-you");
    if (user == null) {
      return;
    }
    Subscriptions.ForYou picks = subscriptions.forYou(user.id(), FOR_YOU);
    Map<String, Paper> papers = picks.paperIds().isEmpty() ? Map.of()
        : library.papers(picks.paperIds());
    List<String> ids = picks.paperIds().stream().filter(papers::containsKey).distinct()
        .toList();
    Map<String, Integer> votes = ids.isEmpty() ? Map.of() : library.users().upvotes(ids);
    Set<String> voted = ids.isEmpty() ? Set.of() : library.users().votedAmong(user.id(), ids);
    Set<String> saved = ids.isEmpty() ? Set.of() : library.users().savedAmong(user.id(), ids);
    List<PaperItem> items = new ArrayList<>(ids.size());
    for (String id : ids) {
      items.add(new PaperItem(papers.get(id), votes.getOrDefault(id, 0), voted.contains(id),
          saved.contains(id), null));
    }
    Listing listing = new Listing(items, items.size(), 0, new Pager(1, 1, null, null),
        "/for-you");
    render(ctx, "digest/foryou.jte", Visitor.of(ctx), new ForYouPage(listing, picks.notes()));
  }

  // ---- admin ---------------------------------------------------------------------------------

  private void admin(Context ctx) {
    requireAdmin(ctx);
    String email = EmailAddresses.normalize(ctx.queryParam("email"));
    String previewUrl = null;
    String message = null;
    if (!email.isEmpty()) {
      if (email.length() > EmailAddresses.MAX_LENGTH) {
        message = "An email address has at most " + EmailAddresses.MAX_LENGTH + " characters.";
        email = "";
      } else if (subscriptions.previewHtml(email).isPresent()) {
        previewUrl = "/admin/digest/preview?email=" + Urls.query(email);
      } else {
        message = "No digest for " + email + ": there is no subscriber with this address.";
      }
    }
    render(ctx, "digest/admin.jte", Visitor.of(ctx), new AdminDigestPage(subscriptions.outbox(),
        subscriptions.mailEnabled(), email, previewUrl, message));
  }

  /**
   * The digest's HTML as the subscriber would get it, by itself: mail HTML carries inline
   * styles, so it gets its own CSP (no script at all, inline styles, data: images, framed only
   * by this site's pages) in place of the site's.
   */
  private void preview(Context ctx) {
    requireAdmin(ctx);
    String email = EmailAddresses.normalize(ctx.queryParam("email"));
    Optional<String> html = email.isEmpty() || email.length() > EmailAddresses.MAX_LENGTH
        ? Optional.empty() : subscriptions.previewHtml(email);
    if (html.isEmpty()) {
      throw new NotFoundResponse("There is no subscriber with this address.");
    }
    ctx.header("Content-Security-Policy", PREVIEW_POLICY);
    ctx.header("X-Frame-Options", "SAMEORIGIN");
    ctx.header("Cache-Control", "private, no-store");
    ctx.contentType(Templates.HTML).result(html.get());
  }

  /** Admins only; everyone else (signed in or not) finds nothing here. */
  private void requireAdmin(Context ctx) {
    User user = Visitor.of(ctx).user();
    if (user == null || !subscriptions.isAdmin(user)) {
      throw new NotFoundResponse("nothing at " + ctx.path());
    }
  }

  // ---- shared --------------------------------------------------------------------------------

  /** The schedule fields as typed. */
  private static ScheduleForm scheduleForm(Context ctx, boolean automatic) {
    return new ScheduleForm(ctx.formParam("cadence"), ctx.formParam("time"),
        ctx.formParam("zone") == null ? "" : ctx.formParam("zone").strip(), automatic);
  }

  /**
   * The schedule the form asks for. A blank zone (the automatic option) is the browser's zone
   * site.js found, else UTC.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  static DigestSchedule schedule(ScheduleForm form, String detectedZone) {
    Cadence cadence = switch (form.cadence()) {
      case "daily" -> Cadence.DAILY;
      case "weekly" -> Cadence.WEEKLY;
      default -> throw new IllegalArgumentException("Choose daily or weekly digests.");
    };
    LocalTime sendAt = ScheduleForm.parseTime(form.time());
    if (sendAt == null) {
      throw new IllegalArgumentException("Enter the time of day as hours and minutes, such as"
          + " 08:00.");
    }
    ZoneId zone = UTC;
    if (!form.zone().isEmpty()) {
      try {
        zone = DigestSchedule.zone(form.zone().length() > MAX_ZONE ? "?" : form.zone());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Choose a time zone from the list: this site does not"
            + " know the one given.");
      }
    } else if (detectedZone != null && !detectedZone.isBlank()
        && detectedZone.strip().length() <= MAX_ZONE) {
      try {
        zone = DigestSchedule.zone(detectedZone.strip());
      } catch (IllegalArgumentException e) {
        // A zone this JVM does not know: UTC, as without JavaScript.
      }
    }
    return new DigestSchedule(cadence, sendAt, zone);
  }

  /** Pending or active: a subscription whose schedule can change. */
  private static boolean live(Subscriber s) {
    return s.status() != SubscriberStatus.UNSUBSCRIBED;
  }

  /** The signed-in user, or null after redirecting to sign-in (coming back to {@code back}). */
  private static User pageUser(Context ctx, String back) {
    User user = Visitor.of(ctx).user();
    if (user == null) {
      ctx.redirect(AccountRoutes.signInPath(back), HttpStatus.SEE_OTHER);
    }
    return user;
  }

  private void render(Context ctx, String template, Visitor visitor, Object page) {
    Map<String, Object> params = new HashMap<>();
    params.put("visitor", visitor);
    params.put("page", page);
    templates.render(ctx, template, params);
  }
}
