package org.papersift.core.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.LongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring tokens for the links in mails: confirm a subscription, unsubscribe, choose a
 * new password. A link works without signing in, so the token itself must prove that papersift
 * made it for this subscriber (or account) and this purpose, and until when.
 *
 * <p>A token is 46 URL-safe characters: base64url of a version byte, the purpose, the subscriber
 * id and the expiry (epoch seconds), followed by the first 128 bits of their HMAC-SHA256. The key
 * is derived from the data directory's secret for this use only, so no other signed value of the
 * site (CSRF tokens) is ever accepted here and the other way round. Nothing is stored: a token
 * cannot be revoked before it expires, which is why the actions are harmless to repeat (confirming
 * twice, unsubscribing twice). The MAC is compared in constant time and checked before anything in
 * the token is believed.
 *
 * <p><b>Bound tokens</b> ({@link Purpose#bound()}: the password reset) must work once, and a
 * stateless token cannot be crossed off. So it is bound to a value the action changes, the
 * account's stored password hash: its payload (version 2, 56 characters) also carries a 64-bit
 * fingerprint of that value (an HMAC under a key of its own), signed with the rest. {@link
 * #checkBound} compares it with the fingerprint of the current value: once the password has
 * changed, by this link or any other way, every link issued before stops working.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinkTokens {
  /** What a token lets its bearer do, and how long it does so by default. */
  public enum Purpose {
    /** Confirm a new subscription (double opt-in); a week to find the mail. */
    CONFIRM(1, Duration.ofDays(7), false),
    /**
     * Leave. Every digest carries one, so it must keep working while old mails are read: a year.
     */
    UNSUBSCRIBE(2, Duration.ofDays(365), false),
    /**
     * Choose a new password ("Forgot your password?"): it signs its bearer in, so it lasts an
     * hour and is bound to the account's password hash (works once).
     */
    PASSWORD_RESET(3, Duration.ofHours(1), true);

    private final int code;
    private final Duration lifetime;
    private final boolean bound;

    Purpose(int code, Duration lifetime, boolean bound) {
      this.code = code;
      this.lifetime = lifetime;
      this.bound = bound;
    }

    public Duration lifetime() {
      return lifetime;
    }

    /** Whether its tokens are bound to a value ({@link #issueBound}, {@link #checkBound}). */
    public boolean bound() {
      return bound;
    }
  }

  /** Why a token was refused. */
  public enum Reason {
    MALFORMED("This link is incomplete or damaged; copy the whole link from the mail."),
    TAMPERED("This link was not made by this site or was changed; use the link from the mail."),
    WRONG_PURPOSE("This link is for something else; use the other link in the mail."),
    EXPIRED("This link has expired; ask for a new mail."),
    /** A bound token whose value changed (or whose account is gone): it was used already. */
    SUPERSEDED("This link was used already, or the password was changed after it was sent; ask"
        + " for a new one.");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    /** In words for the reader. */
    public String message() {
      return message;
    }
  }

  /** The outcome of {@link #check}. */
  public sealed interface Check permits Valid, Rejected {}

  /**
   * A token made by this site for this purpose, not yet expired (and, if bound, still bound).
   *
   * @param id the subscriber (confirm, unsubscribe) or the account (password reset) it is for
   */
  public record Valid(long id, Instant expiresAt) implements Check {}

  public record Rejected(Reason reason) implements Check {}

  private static final byte VERSION = 1;
  private static final byte BOUND_VERSION = 2;
  private static final int PAYLOAD_BYTES = 1 + 1 + Long.BYTES + Long.BYTES;
  private static final int FINGERPRINT_BYTES = 8;
  private static final int BOUND_PAYLOAD_BYTES = PAYLOAD_BYTES + FINGERPRINT_BYTES;
  private static final int MAC_BYTES = 16;
  private static final int TOKEN_CHARS = 46;
  private static final int BOUND_TOKEN_CHARS = 56;
  private static final int MIN_SECRET_BYTES = 32;

  private final SecretKeySpec key;
  private final SecretKeySpec bindingKey;

  /** @param secret the data directory's signing secret, at least 32 bytes */
  public LinkTokens(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the signing secret must have at least "
          + MIN_SECRET_BYTES + " bytes, got " + secret.length);
    }
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"),
        "papersift mail link key v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    this.bindingKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"),
        "papersift mail link binding key v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
  }

  /** A token for {@code purpose} that expires after the purpose's default lifetime. */
  public String issue(Purpose purpose, long subscriberId, Instant now) {
    return issueUntil(purpose, subscriberId, now.plus(purpose.lifetime()));
  }

  /** A token for {@code purpose} valid before {@code expiresAt} (second precision). */
  public String issueUntil(Purpose purpose, long subscriberId, Instant expiresAt) {
    Objects.requireNonNull(purpose, "purpose");
    if (purpose.bound) {
      throw new IllegalArgumentException(purpose + " tokens are bound: use issueBound");
    }
    ByteBuffer b = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES);
    b.put(VERSION).put((byte) purpose.code).putLong(subscriberId)
        .putLong(expiresAt.getEpochSecond());
    byte[] out = b.array();
    System.arraycopy(mac(out, PAYLOAD_BYTES), 0, out, PAYLOAD_BYTES, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /**
   * A token for a bound purpose that expires after the purpose's lifetime and only checks while
   * {@code binding} (e.g. the account's password hash) stays what it is now.
   */
  public String issueBound(Purpose purpose, long id, String binding, Instant now) {
    return issueBoundUntil(purpose, id, binding, now.plus(purpose.lifetime()));
  }

  /** {@link #issueBound} valid before {@code expiresAt} (second precision). */
  public String issueBoundUntil(Purpose purpose, long id, String binding, Instant expiresAt) {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(binding, "binding");
    if (!purpose.bound) {
      throw new IllegalArgumentException(purpose + " tokens are not bound: use issue");
    }
    ByteBuffer b = ByteBuffer.allocate(BOUND_PAYLOAD_BYTES + MAC_BYTES);
    b.put(BOUND_VERSION).put((byte) purpose.code).putLong(id).putLong(expiresAt.getEpochSecond())
        .put(fingerprint(binding));
    byte[] out = b.array();
    System.arraycopy(mac(out, BOUND_PAYLOAD_BYTES), 0, out, BOUND_PAYLOAD_BYTES, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /** Checks a token from a link for {@code expected} (not a bound purpose) at {@code now}. */
  public Check check(String token, Purpose expected, Instant now) {
    Objects.requireNonNull(expected, "expected");
    if (expected.bound) {
      throw new IllegalArgumentException(expected + " tokens are bound: use checkBound");
    }
    return verify(token, expected, null, now);
  }

  /**
   * Checks a token for a bound purpose at {@code now}: made here for {@code expected}, not
   * expired, and issued while the value it is bound to was what {@code currentBinding} gives now
   * for the token's id (asked only once the token's signature is verified; null when the id
   * has no such value any more, e.g. the account is gone).
   */
  public Check checkBound(String token, Purpose expected, LongFunction<String> currentBinding,
      Instant now) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(currentBinding, "currentBinding");
    if (!expected.bound) {
      throw new IllegalArgumentException(expected + " tokens are not bound: use check");
    }
    return verify(token, expected, currentBinding, now);
  }

  private Check verify(String token, Purpose expected, LongFunction<String> currentBinding,
      Instant now) {
    if (token == null || token.length() != TOKEN_CHARS && token.length() != BOUND_TOKEN_CHARS) {
      return new Rejected(Reason.MALFORMED);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return new Rejected(Reason.MALFORMED);
    }
    int payload = raw.length == PAYLOAD_BYTES + MAC_BYTES && raw[0] == VERSION ? PAYLOAD_BYTES
        : raw.length == BOUND_PAYLOAD_BYTES + MAC_BYTES && raw[0] == BOUND_VERSION
            ? BOUND_PAYLOAD_BYTES : -1;
    if (payload < 0) {
      return new Rejected(Reason.MALFORMED);
    }
    byte[] sent = Arrays.copyOfRange(raw, payload, raw.length);
    if (!MessageDigest.isEqual(sent, mac(raw, payload))) {
      return new Rejected(Reason.TAMPERED);
    }
    ByteBuffer b = ByteBuffer.wrap(raw, 1, payload - 1);
    int purpose = b.get();
    long id = b.getLong();
    Instant expiresAt = Instant.ofEpochSecond(b.getLong());
    // Signed by us, so the version matches the purpose; the purpose decides all the same.
    if (purpose != expected.code || (payload == BOUND_PAYLOAD_BYTES) != expected.bound) {
      return new Rejected(Reason.WRONG_PURPOSE);
    }
    if (!now.isBefore(expiresAt)) {
      return new Rejected(Reason.EXPIRED);
    }
    if (expected.bound) {
      byte[] fingerprint = new byte[FINGERPRINT_BYTES];
      b.get(fingerprint);
      String binding = currentBinding.apply(id);
      if (binding == null || !MessageDigest.isEqual(fingerprint, fingerprint(binding))) {
        return new Rejected(Reason.SUPERSEDED);
      }
    }
    return new Valid(id, expiresAt);
  }

  /** The MAC of the payload (the first {@code payload} bytes of {@code token}). */
  private byte[] mac(byte[] token, int payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(token, 0, payload);
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** What a bound token carries of its value: 64 bits of an HMAC, which tell nothing of it. */
  private byte[] fingerprint(String binding) {
    return Arrays.copyOf(hmac(bindingKey, binding.getBytes(StandardCharsets.UTF_8)),
        FINGERPRINT_BYTES);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
