package org.papersift.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.papersift.core.account.User;
import org.papersift.core.account.UserStore;

/**
 * Session and CSRF tokens. A session token is 256 random bits in the {@value #SESSION_COOKIE}
 * cookie; the store only ever sees its SHA-256. A CSRF token is an HMAC, under a key derived from
 * the site secret, over the session token, or for anonymous visitors over a random value in the
 * {@value #ANONYMOUS_COOKIE} cookie; so a token is bound to the browser and is useless elsewhere.
 */
final class Sessions {
  static final String SESSION_COOKIE = "psid";
  static final String ANONYMOUS_COOKIE = "pscsrf";
  private static final String TOKEN_ATTRIBUTE = "papersift.sessionToken";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore users;
  private final WebSettings settings;
  private final SecretKeySpec csrfKey;

  Sessions(UserStore users, WebSettings settings) {
    this.users = users;
    this.settings = settings;
    // A key of its own for CSRF tokens, so other uses of the secret (signed links) never sign
    // anything a CSRF check would accept.
    this.csrfKey = new SecretKeySpec(
        hmac(new SecretKeySpec(settings.secret(), "HmacSHA256"), "papersift csrf key v1"),
        "HmacSHA256");
  }

  /** 256 random bits, URL-safe Base64 (43 characters). */
  static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static boolean wellFormed(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  /** What the store keeps of a session token: its SHA-256, in hex. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String csrfForSession(String sessionToken) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(hmac(csrfKey, "session:" + sessionToken));
  }

  String csrfForAnonymous(String cookieValue) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(hmac(csrfKey, "anonymous:" + cookieValue));
  }

  /** Constant-time comparison of a sent token with the expected one (null never matches). */
  static boolean matches(String sent, String expected) {
    if (sent == null || expected == null || expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Signs the user in on this browser with a brand-new session (any session the request came
   * with is ended first: a token from before the sign-in is never reused).
   */
  void start(Context ctx, User user) {
    deleteCurrent(ctx);
    String token = newToken();
    Instant now = settings.clock().instant();
    users.createSession(hash(token), user.id(), now, now.plus(settings.sessionLifetime()));
    ctx.cookie(cookie(SESSION_COOKIE, token, lifetimeSeconds(), SameSite.LAX));
    ctx.attribute(TOKEN_ATTRIBUTE, token);
  }

  /** Ends the request's session, if any, in the store and in the browser. */
  void end(Context ctx) {
    deleteCurrent(ctx);
    if (ctx.cookie(SESSION_COOKIE) != null) {
      clearSessionCookie(ctx);
    }
  }

  private void deleteCurrent(Context ctx) {
    String token = currentToken(ctx);
    if (token != null) {
      users.deleteSession(hash(token));
      ctx.attribute(TOKEN_ATTRIBUTE, null);
    }
  }

  /** The token of the request's live session (as the security filter found it), else null. */
  static String currentToken(Context ctx) {
    return ctx.attribute(TOKEN_ATTRIBUTE);
  }

  static void rememberToken(Context ctx, String token) {
    ctx.attribute(TOKEN_ATTRIBUTE, token);
  }

  void clearSessionCookie(Context ctx) {
    ctx.cookie(cookie(SESSION_COOKIE, "", 0, SameSite.LAX));
  }

  void setAnonymousCookie(Context ctx, String value) {
    ctx.cookie(cookie(ANONYMOUS_COOKIE, value, lifetimeSeconds(), SameSite.STRICT));
  }

  private int lifetimeSeconds() {
    return (int) Math.min(Integer.MAX_VALUE, settings.sessionLifetime().toSeconds());
  }

  private Cookie cookie(String name, String value, int maxAge, SameSite sameSite) {
    Cookie c = new Cookie(name, value);
    c.setPath("/");
    c.setMaxAge(maxAge);
    c.setHttpOnly(true);
    c.setSecure(settings.secureCookies());
    c.setSameSite(sameSite);
    return c;
  }

  private static byte[] hmac(SecretKeySpec key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
