package org.papersift.app.digest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.papersift.core.mail.Cadence;

/**
 * Which papers one digest covers: those first published from {@code from} to {@code to}
 * (inclusive, as the store's dates).
 *
 * <p>The digest sent on day D (its period, see {@link Cadence#period}) covers the days from the
 * previous digest's day up to D - 1: the previous digest covered up to its own day - 1, so
 * consecutive digests cover every day once, whatever the cadence (Monday's daily digest covers
 * Friday to Sunday). The day itself is left for the next digest: arXiv announces a day's papers
 * in the evening, after a morning digest. Before the first digest, after a change of cadence that
 * makes the last period unreadable, or after a long pause, the window is the {@value #MAX_DAYS}
 * days before D: a digest is about last week at most, never a backlog.
 */
public record DigestWindow(LocalDate from, LocalDate to) {
  /** The longest window, and the window of a first digest. */
  public static final int MAX_DAYS = 7;
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

  /**
   * The window of the digest sent on {@code sendDate}, after the digest of {@code lastPeriod}
   * (null before the first).
   */
  public static DigestWindow of(LocalDate sendDate, String lastPeriod) {
    LocalDate to = sendDate.minusDays(1);
    LocalDate earliest = sendDate.minusDays(MAX_DAYS);
    LocalDate last = lastPeriod == null ? null : startOf(lastPeriod);
    LocalDate from = last == null || last.isBefore(earliest) || !last.isBefore(sendDate)
        ? earliest : last;
    return new DigestWindow(from, to);
  }

  /** The first day of a period: the day of a daily one, the Monday of a weekly one; or null. */
  static LocalDate startOf(String period) {
    Matcher m = WEEK.matcher(period);
    if (m.matches()) {
      int year = Integer.parseInt(m.group(1));
      int week = Integer.parseInt(m.group(2));
      LocalDate anyDay = LocalDate.of(year, 6, 1);
      if (week < 1 || week > anyDay.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
        return null;
      }
      return anyDay.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
          .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
    try {
      return LocalDate.parse(period);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** What a digest of this cadence sent on {@code sendDate} is called: its title. */
  public static String label(Cadence cadence, LocalDate sendDate) {
    return cadence == Cadence.DAILY ? DAY.format(sendDate)
        : "Week " + sendDate.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + ", "
            + sendDate.get(IsoFields.WEEK_BASED_YEAR);
  }

  /** "20 November" or "16 to 22 November" or "28 November to 4 December" (for notes). */
  public String days() {
    if (from.equals(to)) {
      return SHORT.format(from);
    }
    String start = from.getMonth() == to.getMonth() && from.getYear() == to.getYear()
        ? Integer.toString(from.getDayOfMonth()) : SHORT.format(from);
    return start + " to " + SHORT.format(to);
  }
}
