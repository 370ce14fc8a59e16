package org.papersift.core.mail;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * How often a subscriber gets a digest, and what one digest covers (its period). The period is
 * part of the outbox key (subscriber, kind, period), so it decides what "the same digest" means:
 * one per weekday for {@link #DAILY}, one per ISO week for {@link #WEEKLY}, both counted in the
 * subscriber's own time zone.
 */
public enum Cadence {
  /** Monday to Friday, the days arXiv announces papers. */
  DAILY,
  /** Once a week, on Monday. */
  WEEKLY;

  /** The name stored and shown: "daily" or "weekly". */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Cadence of(String id) {
    for (Cadence c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("cadence: expected daily or weekly, got \"" + id + "\"");
  }

  /** Whether a digest goes out on this local date. */
  public boolean sendsOn(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return this == DAILY
        ? day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY
        : day == DayOfWeek.MONDAY;
  }

  /**
   * The period a digest sent on this local date belongs to: "2026-11-23" (daily) or "2026-W48"
   * (weekly, ISO week-based year).
   */
  public String period(LocalDate date) {
    return this == DAILY ? date.toString()
        : String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
            date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
