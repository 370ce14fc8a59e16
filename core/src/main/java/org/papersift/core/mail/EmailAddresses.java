package org.papersift.core.mail;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Email addresses at the edge (sign-up, subscribe) and on the way out (SMTP): trimmed,
 * NFC-normalized, and checked for a plausible syntax. Not the full RFC 5322 grammar (no quoted
 * local parts, comments or IP literals), but internationalized addresses (RFC 6531: UTF-8 local
 * parts, IDN domains) pass. Whether the mailbox exists only a confirmation mail can tell.
 *
 * <p>SMTP needs the domain in ASCII ({@link #withAsciiDomain}: IDN labels become "xn--" labels);
 * a UTF-8 local part needs a server that offers SMTPUTF8, which only the sender can find out
 * ({@link #hasAsciiLocalPart} tells it when to ask).
 */
public final class EmailAddresses {
  /** Longest address SMTP carries (RFC 5321: a 256-octet path including the angle brackets). */
  public static final int MAX_LENGTH = 254;
  private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

  private EmailAddresses() {}

  /** Trimmed and NFC-normalized, for storing and for looking up. */
  public static String normalize(String raw) {
    return raw == null ? "" : Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
  }

  /** Why a normalized address is refused, in words for the reader, or null when it is fine. */
  public static String problem(String email) {
    if (email.isEmpty()) {
      return "Enter your email address.";
    }
    if (email.length() > MAX_LENGTH) {
      return "An email address has at most " + MAX_LENGTH + " characters.";
    }
    int at = email.lastIndexOf('@');
    if (at <= 0 || at == email.length() - 1) {
      return "An email address looks like name@example.org.";
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (!validLocal(local)) {
      return "The part before the @ has characters an email address cannot have.";
    }
    String ascii = asciiDomain(domain);
    if (ascii == null) {
      return "The part after the @ is not a domain name (like example.org).";
    }
    if (local.getBytes(StandardCharsets.UTF_8).length + 1 + ascii.length() > MAX_LENGTH) {
      return "An email address has at most " + MAX_LENGTH + " characters (counted as sent).";
    }
    return null;
  }

  /** True when the part before the @ is ASCII, so any SMTP server can carry the address. */
  public static boolean hasAsciiLocalPart(String email) {
    int at = email.lastIndexOf('@');
    return email.substring(0, Math.max(at, 0)).chars().allMatch(c -> c < 128);
  }

  /**
   * The address as SMTP carries it: the local part as it is, the domain in ASCII (IDN labels
   * converted with {@link IDN#toASCII}). Throws IllegalArgumentException, with the reason, for an
   * address {@link #problem} refuses.
   */
  public static String withAsciiDomain(String email) {
    String problem = problem(email);
    if (problem != null) {
      throw new IllegalArgumentException("not a valid email address: \"" + email + "\" ("
          + problem + ")");
    }
    int at = email.lastIndexOf('@');
    return email.substring(0, at + 1) + asciiDomain(email.substring(at + 1));
  }

  /** The part after the last @ (an address's domain). */
  public static String domain(String email) {
    return email.substring(email.lastIndexOf('@') + 1);
  }

  private static boolean validLocal(String local) {
    if (local.getBytes(StandardCharsets.UTF_8).length > 64 || local.startsWith(".")
        || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); ) {
      int c = local.codePointAt(i);
      i += Character.charCount(c);
      boolean ok = c < 128
          ? Character.isLetterOrDigit(c) || LOCAL_SPECIALS.indexOf(c) >= 0
          : Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
              || Character.getType(c) == Character.COMBINING_SPACING_MARK
              || Character.getType(c) == Character.OTHER_SYMBOL
              || Character.getType(c) == Character.CONNECTOR_PUNCTUATION
              || Character.getType(c) == Character.DASH_PUNCTUATION;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The domain in ASCII, or null when it is not a host name with at least two labels. */
  private static String asciiDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (ascii.length() > 253 || ascii.endsWith(".")) {
      return null;
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return null;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-")
          || label.endsWith("-")) {
        return null;
      }
    }
    // A top-level domain is never all digits (that would be an IP address).
    return labels[labels.length - 1].chars().allMatch(Character::isDigit) ? null : ascii;
  }
}
