package org.papersift.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as text columns: UTC with a fixed nine-digit fraction, so comparing the text compares
 * the times (Instant.toString drops trailing zeros, and "…00Z" sorts after "…00.5Z").
 */
final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String text(Instant t) {
    return FORMAT.format(t);
  }

  static Instant instant(String text) {
    return Instant.parse(text);
  }
}
