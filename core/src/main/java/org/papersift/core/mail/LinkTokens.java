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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring tokens for the links in mails: confirm a subscription, unsubscribe. A link
 * works without signing in, so the token itself must prove that papersift made it for this
 * subscriber and this purpose, and until when.
 *
 * <p>A token is 46 URL-safe characters: base64url of a version byte, the purpose, the subscriber
 * id and the expiry (epoch seconds), followed by the first 128 bits of their HMAC-SHA256. The key
 * is derived from the data directory's secret for this use only, so no other signed value of the
 * site (CSRF tokens) is ever accepted here and the other way round. Nothing is stored: a token
 * cannot be revoked before it expires, which is why the actions are harmless to repeat (confirming
 * twice, unsubscribing twice). The MAC is compared in constant time and checked before anything in
 * the token is believed.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinkTokens {
  /** What a token lets its bearer do, and how long it does so by default. */
  public enum Purpose {
    /** Confirm a new subscription (double opt-in); a week to find the mail. */
    CONFIRM(1, Duration.ofDays(7)),
    /**
     * Leave. Every digest carries one, so it must keep working while old mails are read: a year.
     */
    UNSUBSCRIBE(2, Duration.ofDays(365));

    private final int code;
    private final Duration lifetime;

    Purpose(int code, Duration lifetime) {
      this.code = code;
      this.lifetime = lifetime;
    }

    public Duration lifetime() {
      return lifetime;
    }
  }

  /** Why a token was refused. */
  public enum Reason {
    MALFORMED("This link is incomplete or damaged; copy the whole link from the mail."),
    TAMPERED("This link was not made by this site or was changed; use the link from the mail."),
    WRONG_PURPOSE("This link is for something else; use the other link in the mail."),
    EXPIRED("This link has expired; ask for a new mail.");

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

  /** A token made by this site for this purpose, not yet expired. */
  public record Valid(long subscriberId, Instant expiresAt) implements Check {}

  public record Rejected(Reason reason) implements Check {}

  private static final byte VERSION = 1;
  private static final int PAYLOAD_BYTES = 1 + 1 + Long.BYTES + Long.BYTES;
  private static final int MAC_BYTES = 16;
  private static final int MIN_SECRET_BYTES = 32;

  private final SecretKeySpec key;

  /** @param secret the data directory's signing secret, at least 32 bytes */
  public LinkTokens(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the signing secret must have at least "
          + MIN_SECRET_BYTES + " bytes, got " + secret.length);
    }
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"),
        "papersift mail link key v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
  }

  /** A token for {@code purpose} that expires after the purpose's default lifetime. */
  public String issue(Purpose purpose, long subscriberId, Instant now) {
    return issueUntil(purpose, subscriberId, now.plus(purpose.lifetime()));
  }

  /** A token for {@code purpose} valid before {@code expiresAt} (second precision). */
  public String issueUntil(Purpose purpose, long subscriberId, Instant expiresAt) {
    Objects.requireNonNull(purpose, "purpose");
    ByteBuffer b = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES);
    b.put(VERSION).put((byte) purpose.code).putLong(subscriberId)
        .putLong(expiresAt.getEpochSecond());
    byte[] out = b.array();
    System.arraycopy(mac(out), 0, out, PAYLOAD_BYTES, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /** Checks a token from a link for {@code expected} at {@code now}. */
  public Check check(String token, Purpose expected, Instant now) {
    Objects.requireNonNull(expected, "expected");
    if (token == null || token.length() != 46) {
      return new Rejected(Reason.MALFORMED);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return new Rejected(Reason.MALFORMED);
    }
    if (raw.length != PAYLOAD_BYTES + MAC_BYTES || raw[0] != VERSION) {
      return new Rejected(Reason.MALFORMED);
    }
    byte[] sent = Arrays.copyOfRange(raw, PAYLOAD_BYTES, raw.length);
    if (!MessageDigest.isEqual(sent, mac(raw))) {
      return new Rejected(Reason.TAMPERED);
    }
    ByteBuffer b = ByteBuffer.wrap(raw, 1, PAYLOAD_BYTES - 1);
    int purpose = b.get();
    long subscriberId = b.getLong();
    Instant expiresAt = Instant.ofEpochSecond(b.getLong());
    if (purpose != expected.code) {
      return new Rejected(Reason.WRONG_PURPOSE);
    }
    if (!now.isBefore(expiresAt)) {
      return new Rejected(Reason.EXPIRED);
    }
    return new Valid(subscriberId, expiresAt);
  }

  /** The MAC of the payload (the first {@value #PAYLOAD_BYTES} bytes of {@code token}). */
  private byte[] mac(byte[] token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(token, 0, PAYLOAD_BYTES);
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
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
