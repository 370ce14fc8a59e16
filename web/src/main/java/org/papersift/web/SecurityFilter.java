package org.papersift.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.papersift.core.account.User;
import org.papersift.core.account.UserStore;

/**
 * Runs before every request: security headers, the session, CSRF checks.
 *
 * <ul>
 *   <li>Headers: a CSP that allows only this origin (no inline script or style, no framing, forms
 *       post only here), nosniff, {@code X-Frame-Options: DENY}, a same-origin referrer policy,
 *       and HSTS when cookies are Secure (the site is served over HTTPS).
 *   <li>Session: the {@code psid} cookie is looked up by its hash; an unknown or expired one makes
 *       the visitor anonymous and is cleared.
 *   <li>CSRF: every request that may change something (any method but GET, HEAD, OPTIONS, TRACE),
 *       pages and API alike, must send the visitor's token as the {@code _csrf} form field or the
 *       {@code X-CSRF-Token} header, and must not come from another origin ({@code Origin}, else
 *       {@code Sec-Fetch-Site}). Anonymous visitors get a token too (over the {@code pscsrf}
 *       cookie) so that sign-up and sign-in forms cannot be forged either.
 * </ul>
 *
 * One exception to the CSRF check: {@code POST /unsubscribe}, see {@link
 * #oneClickUnsubscribe}.
 *
 * <p>Requests without cookies (scripts reading the JSON API, feed readers) need nothing: no cookie
 * is set on {@code /api/}, {@code /feeds/} or {@code /static/} responses to anonymous visitors,
 * which also keeps those responses cacheable.
 */
final class SecurityFilter {
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final UserStore users;
  private final WebSettings settings;
  private final Sessions sessions;

  SecurityFilter(Library library, WebSettings settings) {
    this.users = library.users();
    this.settings = settings;
    this.sessions = new Sessions(users, settings);
  }

  void before(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    if (settings.secureCookies()) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    boolean unsafe = !SAFE_METHODS.contains(ctx.req().getMethod().toUpperCase(Locale.ROOT));
    String path = ctx.path();
    boolean noCookies = path.startsWith("/api/") || path.startsWith("/static/")
        || path.startsWith("/feeds/");
    if (!unsafe && path.startsWith("/static/")) {
      return;
    }

    String sessionToken = ctx.cookie(Sessions.SESSION_COOKIE);
    User user = null;
    boolean staleSession = false;
    if (sessionToken != null && !sessionToken.isEmpty()) {
      if (Sessions.wellFormed(sessionToken)) {
        user = users.sessionUser(Sessions.hash(sessionToken), settings.clock().instant())
            .orElse(null);
      }
      if (user == null) {
        staleSession = true;
        sessions.clearSessionCookie(ctx);
      }
    }

    String sent = ctx.cookie(Sessions.ANONYMOUS_COOKIE);
    String anonymous = Sessions.wellFormed(sent) ? sent : null;
    String csrf;
    String expected;
    if (user != null) {
      csrf = sessions.csrfForSession(sessionToken);
      expected = csrf;
      Sessions.rememberToken(ctx, sessionToken);
      ctx.header("Cache-Control", "private, no-store");
    } else {
      String value = anonymous;
      if (value == null && !noCookies) {
        value = Sessions.newToken();
        sessions.setAnonymousCookie(ctx, value);
      }
      csrf = value == null ? "" : sessions.csrfForAnonymous(value);
      // Only a value the browser sent back can vouch for the request, never a fresh one.
      expected = anonymous == null ? null : csrf;
    }
    new Visitor(user, csrf).attachTo(ctx);

    if (unsafe) {
      checkOrigin(ctx);
      if (!oneClickUnsubscribe(ctx)) {
        checkToken(ctx, expected, staleSession);
      }
    }
  }

  /**
   * RFC 8058 one-click unsubscribe: a mail client POSTs {@code List-Unsubscribe=One-Click} to
   * the link of the mail's List-Unsubscribe header with no cookies, so it cannot carry a CSRF
   * token. The signed token in the link is the proof instead, and forging the request gains
   * nothing its holder could not do anyway; the Origin check above still applies (a missing
   * Origin passes it). This one route only (SubscriptionRoutes).
   */
  private static boolean oneClickUnsubscribe(Context ctx) {
    return "POST".equalsIgnoreCase(ctx.req().getMethod()) && "/unsubscribe".equals(ctx.path());
  }

  private static void checkToken(Context ctx, String expected, boolean staleSession) {
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null && ctx.isFormUrlencoded()) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    if (Sessions.matches(sent, expected)) {
      return;
    }
    if (sent == null || sent.isEmpty()) {
      throw new ForbiddenResponse("This request was refused: it carries no CSRF token (the "
          + CSRF_FIELD + " form field or the " + CSRF_HEADER + " header). Reload the page and"
          + " try again; cookies must be enabled.");
    }
    if (staleSession) {
      // Most likely a form from a session that has since expired: say so rather than "forged".
      throw new UnauthorizedResponse("Your session has expired: sign in again, then retry.");
    }
    throw new ForbiddenResponse("This request was refused: its CSRF token is not valid for this"
        + " browser (the form may be outdated). Reload the page and try again.");
  }

  /** Refuses a state change sent from another origin (another site's form or script). */
  private static void checkOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null) {
      if (!sameOrigin(origin, ctx.header("Host"))) {
        throw new ForbiddenResponse("This request was refused: it was sent from another site.");
      }
    } else if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
      throw new ForbiddenResponse("This request was refused: it was sent from another site.");
    }
  }

  /** Whether the Origin header names the host the request was sent to (default ports allowed). */
  static boolean sameOrigin(String origin, String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    URI o;
    try {
      o = new URI(origin.trim());
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    String scheme = o.getScheme() == null ? "" : o.getScheme().toLowerCase(Locale.ROOT);
    if (o.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))
        || o.getRawPath() != null && !o.getRawPath().isEmpty()) {
      return false;
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    int originPort = o.getPort() == -1 ? defaultPort : o.getPort();
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    String hostName;
    int hostPort = defaultPort;
    int colon = host.lastIndexOf(':');
    if (colon > host.lastIndexOf(']')) {
      hostName = host.substring(0, colon);
      try {
        hostPort = Integer.parseInt(host.substring(colon + 1));
      } catch (NumberFormatException e) {
        return false;
      }
    } else {
      hostName = host;
    }
    return hostName.equals(o.getHost().toLowerCase(Locale.ROOT)) && hostPort == originPort;
  }
}
