package org.papersift.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.papersift.core.mail.EmailAddresses;
import org.papersift.web.view.ForgotPage;
import org.papersift.web.view.ResetPage;

/**
 * "Forgot your password?", over {@link PasswordResets}:
 *
 * <ul>
 *   <li>{@code /account/forgot}: the form asking for the address. Its answer is the same
 *       whether or not the address has an account, and so is the work done while the visitor
 *       waits (the lookup and the mail happen in the background). Each client may ask {@value
 *       #REQUESTS_PER_CLIENT_PER_HOUR} times an hour and each address may be asked for {@value
 *       #REQUESTS_PER_ADDRESS_PER_HOUR} times an hour (then 429, for unknown addresses too), so
 *       the form cannot flood anyone's inbox; the outbox caps the mails per account as well.
 *   <li>{@code /account/reset?token=}: the mail's link. The token is checked before anything is
 *       shown; a working link gets the form for the new password, posted back with the token.
 *       Setting it ends every session of the account and signs this browser in afresh. The
 *       address holds the token, so these pages send {@code Referrer-Policy: no-referrer} and
 *       are never cached, and nothing here logs a token.
 * </ul>
 */
final class PasswordResetRoutes {
  static final String FORGOT_PATH = "/account/forgot";
  static final String RESET_PATH = "/account/reset";
  static final int REQUESTS_PER_CLIENT_PER_HOUR = 10;
  static final int REQUESTS_PER_ADDRESS_PER_HOUR = 3;
  /** Longer tokens are no link of ours: refused without asking the app. */
  static final int MAX_TOKEN = 200;

  private final PasswordResets resets;
  private final Templates templates;
  private final AccountLimits limits;
  private final Sessions sessions;
  private final PasswordHasher hasher;
  private final RateLimiter perClient;
  private final RateLimiter perAddress;

  PasswordResetRoutes(Library library, Templates templates, WebSettings settings,
      AccountLimits limits) {
    this(library, templates, settings, limits, new PasswordHasher());
  }

  PasswordResetRoutes(Library library, Templates templates, WebSettings settings,
      AccountLimits limits, PasswordHasher hasher) {
    this.resets = library.passwordResets();
    this.templates = templates;
    this.limits = limits;
    this.sessions = new Sessions(library.users(), settings);
    this.hasher = hasher;
    this.perClient = new RateLimiter(new AccountLimits.Rate(REQUESTS_PER_CLIENT_PER_HOUR,
        Duration.ofHours(1)), limits.maxTrackedKeys(), settings.clock());
    this.perAddress = new RateLimiter(new AccountLimits.Rate(REQUESTS_PER_ADDRESS_PER_HOUR,
        Duration.ofHours(1)), limits.maxTrackedKeys(), settings.clock());
  }

  void register(RoutesConfig routes) {
    // Before the handlers, so that every answer from this address has them, errors included.
    routes.before(RESET_PATH, PasswordResetRoutes::tokenInAddress);
    routes.get(FORGOT_PATH, this::forgotForm);
    routes.post(FORGOT_PATH, this::forgot);
    routes.get(RESET_PATH, this::resetForm);
    routes.post(RESET_PATH, this::reset);
  }

  // ---- asking for a link ----------------------------------------------------------------------

  private void forgotForm(Context ctx) {
    renderForgot(ctx, 200, new ForgotPage("", null, false, resets.mailEnabled()));
  }

  private void forgot(Context ctx) {
    if (!resets.mailEnabled()) {
      renderForgot(ctx, 503, new ForgotPage("", null, false, false));
      return;
    }
    String email = EmailAddresses.normalize(ctx.formParam("email"));
    String problem = EmailAddresses.problem(email);
    if (problem != null) {
      renderForgot(ctx, 400, new ForgotPage(email, problem, false, true));
      return;
    }
    String client = AccountRoutes.clientKey(ctx, limits.trustForwardedFor());
    Duration wait = perClient.tryAcquire(client);
    if (wait != null) {
      tooMany(ctx, email, wait, "Too many requests for new passwords from your network.");
      return;
    }
    wait = perAddress.tryAcquire(email.toLowerCase(Locale.ROOT));
    if (wait != null) {
      perClient.refund(client);
      tooMany(ctx, email, wait, "Too many requests for a new password for this address. Links"
          + " sent before keep working for an hour.");
      return;
    }
    resets.request(email);
    renderForgot(ctx, 200, new ForgotPage("", null, true, true));
  }

  private void tooMany(Context ctx, String email, Duration wait, String what) {
    ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    renderForgot(ctx, 429, new ForgotPage(email, what + " Try again in "
        + (minutes == 1 ? "a minute" : minutes + " minutes") + ".", false, true));
  }

  // ---- following a link -----------------------------------------------------------------------

  private void resetForm(Context ctx) {
    String token = token(ctx.queryParam("token"));
    PasswordResets.LinkCheck link = token == null ? noToken(ctx.queryParam("token"))
        : resets.check(token);
    if (!link.ok()) {
      renderReset(ctx, 400, ResetPage.broken(link.problem()));
      return;
    }
    renderReset(ctx, 200, new ResetPage(link.user().email(), token, null, null));
  }

  private void reset(Context ctx) {
    String token = token(ctx.formParam("token"));
    PasswordResets.LinkCheck link = token == null ? noToken(ctx.formParam("token"))
        : resets.check(token);
    if (!link.ok()) {
      renderReset(ctx, 400, ResetPage.broken(link.problem()));
      return;
    }
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    String problem = null;
    if (!PasswordHasher.acceptableLength(password)) {
      problem = "A password has " + PasswordHasher.MIN_LENGTH + " to 1,024 characters.";
    } else if (!password.equals(ctx.formParam("confirm"))) {
      problem = "The two passwords differ.";
    }
    if (problem != null) {
      renderReset(ctx, 400, new ResetPage(link.user().email(), token, problem, null));
      return;
    }
    // Checked again as the hash is set: another request with the same link may have been first.
    link = resets.reset(token, hasher.hash(password));
    if (!link.ok()) {
      renderReset(ctx, 400, ResetPage.broken(link.problem()));
      return;
    }
    sessions.start(ctx, link.user());
    ctx.redirect("/account?reset=1", HttpStatus.SEE_OTHER);
  }

  /** The token as sent, stripped; null when missing or too long to be one of ours. */
  private static String token(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_TOKEN) {
      return null;
    }
    return raw.strip();
  }

  private static PasswordResets.LinkCheck noToken(String raw) {
    return PasswordResets.LinkCheck.fails(raw == null || raw.isBlank()
        ? "This link has no token. Copy the whole link from the mail into the address bar."
        : "This link is not valid. Copy the whole link from the mail into the address bar.");
  }

  // ---- rendering ------------------------------------------------------------------------------

  private void renderForgot(Context ctx, int status, ForgotPage page) {
    ctx.status(status);
    render(ctx, "forgot.jte", page);
  }

  /** The address holds the token: no Referer to other sites (or this one), no cached copy. */
  private static void tokenInAddress(Context ctx) {
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "private, no-store");
  }

  private void renderReset(Context ctx, int status, ResetPage page) {
    ctx.status(status);
    render(ctx, "reset.jte", page);
  }

  private void render(Context ctx, String template, Object page) {
    Map<String, Object> params = new HashMap<>();
    params.put("visitor", Visitor.of(ctx));
    params.put("page", page);
    templates.render(ctx, template, params);
  }
}
