package org.papersift.core.mail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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

  /**
   * The instant of the send slot on {@code date} in the subscriber's zone. A local time that a
   * daylight-saving change skips moves forward by the gap (02:30 on a spring-forward night is
   * 03:30); one that occurs twice is the first of the two.
   */
  public Instant sendTime(LocalDate date) {
    return ZonedDateTime.of(date, sendAt, zone).toInstant();
  }

  /**
   * The date of the latest send slot at or before {@code now}: today when a digest goes out today
   * and its time has come, else the last sending day before. The scheduler plans the digest of
   * {@code cadence.period(lastSendDate(now))} when it differs from the subscriber's last one:
   * correct across daylight-saving changes (a repeated hour finds the period planned already),
   * and after downtime the latest missed digest still goes out, late, but not every missed one.
   */
  public LocalDate lastSendDate(Instant now) {
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i < 8; i++, day = day.minusDays(1)) {
      if (cadence.sendsOn(day) && !sendTime(day).isAfter(now)) {
        return day;
      }
    }
    throw new IllegalStateException("no send slot in the 8 days before " + now); // unreachable
  }

  /** The period of the latest send slot at or before {@code now} (see {@link #lastSendDate}). */
  public String period(Instant now) {
    return cadence.period(lastSendDate(now));
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
