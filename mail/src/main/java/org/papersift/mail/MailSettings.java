package org.papersift.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.papersift.core.mail.EmailAddresses;

/**
 * How papersift sends mail: the SMTP server and the From address. Built once at start from the
 * environment ({@link #fromEnvironment}), validated here, passed to {@link SmtpSender} and {@link
 * DigestMessage}.
 *
 * <p>Environment:
 *
 * <ul>
 *   <li>{@code PAPERSIFT_SMTP_HOST}: the server; without it papersift sends no mail.
 *   <li>{@code PAPERSIFT_SMTP_SECURITY}: {@code starttls} (default; the connection must upgrade),
 *       {@code tls} (TLS from the first byte, "SMTPS") or {@code none}.
 *   <li>{@code PAPERSIFT_SMTP_PORT}: default 587 for starttls, 465 for tls, 25 for none.
 *   <li>{@code PAPERSIFT_SMTP_USERNAME}, {@code PAPERSIFT_SMTP_PASSWORD}: both or neither.
 *   <li>{@code PAPERSIFT_SMTP_CONNECT_TIMEOUT_MS} (default 10,000), {@code
 *       PAPERSIFT_SMTP_READ_TIMEOUT_MS} (60,000), {@code PAPERSIFT_SMTP_WRITE_TIMEOUT_MS} (60,000).
 *   <li>{@code PAPERSIFT_MAIL_FROM}: required with a host, e.g. {@code papersift
 *       <digest@papers.example.org>}; its domain also names the Message-IDs.
 *   <li>{@code PAPERSIFT_SMTP_HELO}: the name papersift gives in EHLO; default the From domain.
 * </ul>
 *
 * @param from the From header: an address, optionally with a display name
 */
public record MailSettings(String host, int port, Security security, String username,
    String password, Duration connectTimeout, Duration readTimeout, Duration writeTimeout,
    String from, String heloName) {

  /** How the connection to the server is protected. */
  public enum Security {
    /** Plain text. Only for a relay on the same machine or network. */
    NONE(25),
    /** Plain connect, then STARTTLS, which the server must offer (never falls back). */
    STARTTLS(587),
    /** TLS from the start (implicit TLS, "SMTPS"). */
    TLS(465);

    private final int defaultPort;

    Security(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    public int defaultPort() {
      return defaultPort;
    }

    public static Security of(String name) {
      for (Security s : values()) {
        if (s.name().equalsIgnoreCase(name.strip())) {
          return s;
        }
      }
      throw new IllegalArgumentException("PAPERSIFT_SMTP_SECURITY: expected starttls, tls or"
          + " none, got \"" + name + "\"");
    }
  }

  public MailSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the SMTP host is empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("SMTP port: expected 1 to 65535, got " + port);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("set both PAPERSIFT_SMTP_USERNAME and"
          + " PAPERSIFT_SMTP_PASSWORD, or neither");
    }
    if (username != null && security == Security.NONE && !loopback(host)) {
      throw new IllegalArgumentException("refusing to send the SMTP password unencrypted to "
          + host + ": set PAPERSIFT_SMTP_SECURITY to starttls or tls");
    }
    for (Duration d : new Duration[] {connectTimeout, readTimeout, writeTimeout}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("SMTP timeouts must be positive, got connect "
            + connectTimeout + ", read " + readTimeout + ", write " + writeTimeout);
      }
    }
    fromAddress(from); // validates
    heloName = heloName == null || heloName.isBlank()
        ? EmailAddresses.withAsciiDomain(fromAddress(from).getAddress()).replaceFirst(".*@", "")
        : heloName.strip();
  }

  /** Settings from {@code env}; empty when PAPERSIFT_SMTP_HOST is not set (no mail). */
  public static Optional<MailSettings> fromEnvironment(Map<String, String> env) {
    String host = text(env, "PAPERSIFT_SMTP_HOST");
    if (host == null) {
      return Optional.empty();
    }
    String from = text(env, "PAPERSIFT_MAIL_FROM");
    if (from == null) {
      throw new IllegalArgumentException("PAPERSIFT_SMTP_HOST is set but PAPERSIFT_MAIL_FROM is"
          + " not: set it to the From address of papersift's mail, e.g."
          + " \"papersift <digest@papers.example.org>\"");
    }
    String securityName = text(env, "PAPERSIFT_SMTP_SECURITY");
    Security security = securityName == null ? Security.STARTTLS : Security.of(securityName);
    return Optional.of(new MailSettings(host,
        (int) number(env, "PAPERSIFT_SMTP_PORT", security.defaultPort()), security,
        text(env, "PAPERSIFT_SMTP_USERNAME"), text(env, "PAPERSIFT_SMTP_PASSWORD"),
        Duration.ofMillis(number(env, "PAPERSIFT_SMTP_CONNECT_TIMEOUT_MS", 10_000)),
        Duration.ofMillis(number(env, "PAPERSIFT_SMTP_READ_TIMEOUT_MS", 60_000)),
        Duration.ofMillis(number(env, "PAPERSIFT_SMTP_WRITE_TIMEOUT_MS", 60_000)),
        from, text(env, "PAPERSIFT_SMTP_HELO")));
  }

  /** The From header parsed; throws IllegalArgumentException naming the value. */
  public static InternetAddress fromAddress(String from) {
    Objects.requireNonNull(from, "from");
    try {
      InternetAddress a = new InternetAddress(from, true);
      String problem = EmailAddresses.problem(a.getAddress());
      if (problem != null) {
        throw new IllegalArgumentException("PAPERSIFT_MAIL_FROM \"" + from + "\": " + problem);
      }
      return a;
    } catch (AddressException e) {
      throw new IllegalArgumentException("PAPERSIFT_MAIL_FROM: expected an address such as"
          + " \"papersift <digest@papers.example.org>\", got \"" + from + "\" ("
          + e.getMessage() + ")", e);
    }
  }

  /** The envelope sender (MAIL FROM): the From address. */
  public String envelopeFrom() {
    return EmailAddresses.withAsciiDomain(fromAddress(from).getAddress());
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "MailSettings[" + security.name().toLowerCase(Locale.ROOT) + "://"
        + (username == null ? "" : username + ":***@") + host + ":" + port + ", from " + from
        + ", helo " + heloName + ", timeouts connect " + connectTimeout + " read " + readTimeout
        + " write " + writeTimeout + "]";
  }

  private static boolean loopback(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }

  private static String text(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String v = text(env, name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got \"" + v + "\"");
    }
  }
}
