package org.papersift.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes: Argon2id (Bouncy Castle) with a random 16-byte salt, encoded as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, unpadded standard Base64), so a stored hash
 * names its own parameters: they can be raised later and old hashes still verify (see
 * {@link #needsRehash}).
 *
 * <p>Parameters: OWASP's first Argon2id choice, m = 19 MiB, t = 2, p = 1, for a 2-core server.
 * Measured on the 2-core build machine (Java 25, Bouncy Castle 1.87): about 30 ms per hash when
 * the machine is otherwise idle, 40 to 140 ms while other builds share its cores; see
 * {@code SecurityPasswordHasherTest.timePerHash}. Memory is what bounds a server here, so at
 * most {@code maxConcurrent} hashes run at once (19 MiB each); more requests wait their turn. The
 * sign-in rate limits run before any hashing, so a flood of guesses costs few hashes.
 *
 * <p>Passwords are normalized to Unicode NFC before hashing, so the same password typed on
 * systems that compose accents differently still matches. Passwords of fewer than
 * {@value #MIN_LENGTH} or more than {@value #MAX_LENGTH} characters (code points) are refused.
 */
public final class PasswordHasher {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 1024;

  /** Argon2id cost: memory in KiB, passes over it, lanes. */
  public record Cost(int memoryKiB, int iterations, int parallelism) {
    public Cost {
      if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1
          || iterations > MAX_ITERATIONS || memoryKiB < 8 * parallelism
          || memoryKiB > MAX_MEMORY_KIB) {
        throw new IllegalArgumentException("Argon2 cost out of range: m=" + memoryKiB + ", t="
            + iterations + ", p=" + parallelism);
      }
    }
  }

  /** OWASP password storage cheat sheet: m=19 MiB, t=2, p=1. */
  public static final Cost DEFAULT_COST = new Cost(19 * 1024, 2, 1);

  // Bounds on what a stored hash may ask for, so a damaged row cannot make one check take
  // gigabytes or minutes.
  private static final int MAX_MEMORY_KIB = 1 << 20;
  private static final int MAX_ITERATIONS = 64;
  private static final int MAX_PARALLELISM = 16;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})"
          + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");

  private final Cost cost;
  private final Semaphore running;
  private final SecureRandom random = new SecureRandom();
  private final String dummy;

  /** The default cost, as many hashes at once as there are cores (at least 2). */
  public PasswordHasher() {
    this(DEFAULT_COST, Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  public PasswordHasher(Cost cost, int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1");
    }
    this.cost = cost;
    this.running = new Semaphore(maxConcurrent, true);
    byte[] noise = new byte[24];
    random.nextBytes(noise);
    this.dummy = hash(Base64.getEncoder().encodeToString(noise));
  }

  public Cost cost() {
    return cost;
  }

  /** Whether a password of this length may be set (a check on length only). */
  public static boolean acceptableLength(String password) {
    if (password == null || password.length() > 4 * MAX_LENGTH) {
      return false;
    }
    int n = password.codePointCount(0, password.length());
    return n >= MIN_LENGTH && n <= MAX_LENGTH;
  }

  /** The PHC string for a new password; throws IllegalArgumentException for a bad length. */
  public String hash(String password) {
    if (!acceptableLength(password)) {
      throw new IllegalArgumentException("a password has " + MIN_LENGTH + " to " + MAX_LENGTH
          + " characters");
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, cost, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p="
        + cost.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
  }

  /**
   * Whether the password matches the PHC string, compared in constant time. False (never an
   * exception) for a malformed or unsupported hash and for a password of a refused length.
   */
  public boolean verify(String password, String encoded) {
    if (!acceptableLength(password) || encoded == null) {
      return false;
    }
    Matcher m = PHC.matcher(encoded);
    if (!m.matches()) {
      return false;
    }
    Cost stored;
    byte[] salt;
    byte[] expected;
    try {
      stored = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
      salt = Base64.getDecoder().decode(m.group(4));
      expected = Base64.getDecoder().decode(m.group(5));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (salt.length < 8 || salt.length > 64 || expected.length < 16 || expected.length > 64) {
      return false;
    }
    byte[] actual = derive(password, salt, stored, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  /**
   * Checks the password against a hash of a random password, always false: spends the time a
   * real check takes, for sign-ins of unknown emails.
   */
  public boolean verifyDummy(String password) {
    verify(password, dummy);
    return false;
  }

  /** Whether the hash was made with another cost than the current one (rehash on sign-in). */
  public boolean needsRehash(String encoded) {
    Matcher m = encoded == null ? null : PHC.matcher(encoded);
    if (m == null || !m.matches()) {
      return true;
    }
    return !(m.group(1).equals(Integer.toString(cost.memoryKiB()))
        && m.group(2).equals(Integer.toString(cost.iterations()))
        && m.group(3).equals(Integer.toString(cost.parallelism())));
  }

  private byte[] derive(String password, byte[] salt, Cost c, int length) {
    byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFC)
        .getBytes(StandardCharsets.UTF_8);
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(c.memoryKiB())
        .withIterations(c.iterations())
        .withParallelism(c.parallelism())
        .withSalt(salt)
        .build();
    byte[] out = new byte[length];
    running.acquireUninterruptibly();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      generator.generateBytes(secret, out);
    } finally {
      running.release();
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }
}
