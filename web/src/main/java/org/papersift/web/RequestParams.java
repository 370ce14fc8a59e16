package org.papersift.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads query parameters strictly: a value that is there but malformed is an
 * IllegalArgumentException naming the parameter, what it expects and what came (WebServer turns
 * it into a 400), never a silent default. Absent and blank values (forms send empty fields) mean
 * "not given".
 */
final class RequestParams {
  private static final int MAX_ECHO_CHARS = 60;

  private RequestParams() {}

  /** The parameter's value, stripped, or null when it is absent or blank. */
  static String optional(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A whole number from {@code min} to {@code max}; absent gives {@code fallback}. */
  static int wholeNumber(Context ctx, String name, int fallback, int min, int max) {
    String v = optional(ctx, name);
    if (v == null) {
      return fallback;
    }
    String expected = max == Integer.MAX_VALUE ? "a whole number from " + min + " up"
        : "a whole number from " + min + " to " + max;
    // Digits only (no sign, no spaces), at most 9 of them so that the value fits an int.
    if (!v.matches("\\d{1,9}")) {
      throw new IllegalArgumentException(name + ": expected " + expected + ", got " + echo(v));
    }
    int n = Integer.parseInt(v);
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + ": expected " + expected + ", got " + n);
    }
    return n;
  }

  /** A day as YYYY-MM-DD, or null when absent. */
  static LocalDate day(Context ctx, String name) {
    String v = optional(ctx, name);
    return v == null ? null : day(name, v);
  }

  /** A day written YYYY-MM-DD that exists (2025-02-30 does not). */
  static LocalDate day(String name, String v) {
    if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        // a day that does not exist: the message below says what is expected
      }
    }
    throw new IllegalArgumentException(name + ": expected a day as YYYY-MM-DD, e.g. 2025-03-18,"
        + " got " + echo(v));
  }

  /** The start of what the client sent, quoted, so that a message never repeats a megabyte. */
  static String echo(String v) {
    String shown = v.length() > MAX_ECHO_CHARS ? v.substring(0, MAX_ECHO_CHARS) + "..." : v;
    return '"' + shown + '"';
  }
}
