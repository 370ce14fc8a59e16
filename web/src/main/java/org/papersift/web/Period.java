package org.papersift.web;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stretch of days a daily listing shows: one day, one ISO week (Monday to Sunday) or one
 * calendar month, with the neighbours for previous/next links and the words for headings.
 */
record Period(Kind kind, LocalDate from, LocalDate to) {
  enum Kind { DAY, WEEK, MONTH }

  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final DateTimeFormatter DAY_LONG =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_MONTH_YEAR =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_MONTH =
      DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH_YEAR =
      DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

  static Period day(LocalDate date) {
    return new Period(Kind.DAY, date, date);
  }

  /** The ISO week (Monday to Sunday) that holds {@code date}. */
  static Period weekOf(LocalDate date) {
    LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new Period(Kind.WEEK, monday, monday.plusDays(6));
  }

  static Period monthOf(LocalDate date) {
    YearMonth m = YearMonth.from(date);
    return new Period(Kind.MONTH, m.atDay(1), m.atEndOfMonth());
  }

  /** Parses a {@code date=YYYY-MM-DD} value; the message says what was wrong. */
  static LocalDate parseDate(String name, String value) {
    Matcher m = DATE.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(name + ": expected a date like 2025-03-18, got "
          + quote(value));
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(name + ": there is no such day as " + quote(value)
          + " (" + e.getMessage() + ")");
    }
  }

  /** Parses an ISO week {@code YYYY-Www}, e.g. 2025-W01 (which starts on 30 December 2024). */
  static Period parseWeek(String value) {
    Matcher m = WEEK.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("week: expected an ISO week like 2025-W12, got "
          + quote(value));
    }
    int year = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    // 28 December is always in the last ISO week of its year.
    int weeks = LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    if (week < 1 || week > weeks) {
      throw new IllegalArgumentException("week: " + year + " has weeks W01 to W" + weeks
          + ", got " + quote(value));
    }
    LocalDate monday = LocalDate.of(year, 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new Period(Kind.WEEK, monday, monday.plusDays(6));
  }

  static Period parseMonth(String value) {
    Matcher m = MONTH.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("month: expected a month like 2025-03, got "
          + quote(value));
    }
    int month = Integer.parseInt(m.group(2));
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month: months run from 01 to 12, got " + quote(value));
    }
    YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), month);
    return new Period(Kind.MONTH, ym.atDay(1), ym.atEndOfMonth());
  }

  Period previous() {
    return switch (kind) {
      case DAY -> day(from.minusDays(1));
      case WEEK -> weekOf(from.minusWeeks(1));
      case MONTH -> monthOf(from.minusMonths(1));
    };
  }

  Period next() {
    return switch (kind) {
      case DAY -> day(from.plusDays(1));
      case WEEK -> weekOf(from.plusWeeks(1));
      case MONTH -> monthOf(from.plusMonths(1));
    };
  }

  /** The query parameter that names this period: {@code date=…}, {@code week=…}, {@code month=…}. */
  String param() {
    return switch (kind) {
      case DAY -> "date=" + from;
      case WEEK -> "week=" + isoWeek();
      case MONTH -> "month=" + YearMonth.from(from);
    };
  }

  String isoWeek() {
    return String.format(Locale.ROOT, "%d-W%02d", from.get(IsoFields.WEEK_BASED_YEAR),
        from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** For headings and titles: "Tuesday 18 March 2025", "Week 12 of 2025", "March 2025". */
  String label() {
    return switch (kind) {
      case DAY -> DAY_LONG.format(from);
      case WEEK -> "Week " + from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + " of "
          + from.get(IsoFields.WEEK_BASED_YEAR);
      case MONTH -> MONTH_YEAR.format(from);
    };
  }

  /** The days covered, for weeks: "17–23 March 2025", "30 December 2024 – 5 January 2025". */
  String range() {
    if (from.equals(to)) {
      return DAY_MONTH_YEAR.format(from);
    }
    if (from.getYear() != to.getYear()) {
      return DAY_MONTH_YEAR.format(from) + " – " + DAY_MONTH_YEAR.format(to);
    }
    if (from.getMonth() != to.getMonth()) {
      return DAY_MONTH.format(from) + " – " + DAY_MONTH_YEAR.format(to);
    }
    return from.getDayOfMonth() + "–" + DAY_MONTH_YEAR.format(to);
  }

  /** Short words for a previous/next link: "17 March 2025", "Week 11", "February 2025". */
  String shortLabel() {
    return switch (kind) {
      case DAY -> DAY_MONTH_YEAR.format(from);
      case WEEK -> "Week " + from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + ", "
          + from.get(IsoFields.WEEK_BASED_YEAR);
      case MONTH -> MONTH_YEAR.format(from);
    };
  }

  static String quote(String s) {
    String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return '"' + shown + '"';
  }
}
