package org.papersift.web;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Email addresses at the edge: trimmed, NFC-normalized, and checked for a plausible syntax. Not
 * the full RFC 5322 grammar (no quoted local parts, comments or IP literals), but internationalized
 * addresses (RFC 6531: UTF-8 local parts, IDN domains) pass. Whether the mailbox exists only a
 * confirmation mail can tell.
 */
final class EmailAddress {
  static final int MAX_LENGTH = 254;
  private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

  private EmailAddress() {}

  /** Trimmed and NFC-normalized, for storing and for looking up. */
  static String normalize(String raw) {
    return raw == null ? "" : Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
  }

  /** Why a normalized address is refused, or null when it looks like an email address. */
  static String problem(String email) {
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
    if (!validDomain(domain)) {
      return "The part after the @ is not a domain name (like example.org).";
    }
    return null;
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

  private static boolean validDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (ascii.length() > 253 || ascii.endsWith(".")) {
      return false;
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-")
          || label.endsWith("-")) {
        return false;
      }
    }
    // A top-level domain is never all digits (that would be an IP address).
    return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
  }
}
