package org.papersift.core.mail;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a subscriber wants digests: how often, and at which local time in which time zone (an IANA
 * id such as "Europe/Berlin", so daylight saving time moves with the reader, not with UTC).
 *
 * @param sendAt hour and minute; seconds are dropped
 */
public record DigestSchedule(Cadence cadence, LocalTime sendAt, ZoneId zone) {
  public DigestSchedule {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(zone, "zone");
    sendAt = Objects.requireNonNull(sendAt, "sendAt").withSecond(0).withNano(0);
  }

  /** Reads a time zone id, naming the value when it is not one. */
  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("time zone: expected an IANA id such as Europe/Berlin,"
          + " got \"" + id + "\"", e);
    }
  }
}
