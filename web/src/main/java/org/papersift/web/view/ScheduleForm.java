package org.papersift.web.view;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.papersift.core.mail.Cadence;
import org.papersift.core.mail.DigestSchedule;

/**
 * The schedule fields of the subscribe and digest-settings forms as typed: cadence, time of day
 * and time zone, shown again after a mistake.
 *
 * <p>The zone select offers a few common zones first, then every region zone Java knows
 * (Europe/Berlin, America/Sao_Paulo; no legacy aliases such as US/Pacific or Etc/GMT+5), plus
 * whatever zone the form was filled in with. With {@code automatic}, its first option (value "")
 * means "this browser's zone": site.js fills the hidden {@code detected_zone} field with it (and
 * picks it in the select when listed); without JavaScript that field stays empty and the zone is
 * UTC.
 *
 * @param cadence "daily" or "weekly" (anything else checks neither)
 * @param time as typed, "08:00"
 * @param zone the chosen zone id, "" for automatic
 * @param automatic whether to offer the automatic option (the subscribe form)
 */
public record ScheduleForm(String cadence, String time, String zone, boolean automatic) {
  public static final String DEFAULT_TIME = "08:00";
  /** Zones most readers are in, offered first. */
  public static final List<String> COMMON = List.of("UTC", "America/Los_Angeles",
      "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo",
      "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Moscow", "Africa/Lagos",
      "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Shanghai", "Asia/Singapore",
      "Asia/Seoul", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland");
  /** "08:00", "8:00"; browsers may add seconds ("08:00:00"), which are dropped. */
  private static final Pattern TIME =
      Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)(:[0-5]\\d(\\.\\d{1,9})?)?");
  private static final Pattern REGION =
      Pattern.compile("(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian"
          + "|Pacific)/[A-Za-z0-9_+\\-/]+");
  /** Every region zone, sorted, UTC first. */
  public static final List<String> ALL = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("UTC"),
      ZoneId.getAvailableZoneIds().stream().filter(z -> REGION.matcher(z).matches()).sorted())
      .toList();
  private static final Set<String> COMMON_SET = Set.copyOf(COMMON);
  private static final Set<String> ALL_SET = Set.copyOf(ALL);

  public ScheduleForm {
    cadence = cadence == null ? "" : cadence;
    time = time == null ? "" : time;
    zone = zone == null ? "" : zone;
  }

  /** A fresh subscribe form: daily at 08:00 in the browser's zone (UTC without JavaScript). */
  public static ScheduleForm fresh() {
    return new ScheduleForm(Cadence.DAILY.id(), DEFAULT_TIME, "", true);
  }

  /** The form showing a schedule as it is. */
  public static ScheduleForm of(DigestSchedule s) {
    return new ScheduleForm(s.cadence().id(), s.sendAt().toString(), s.zone().getId(), false);
  }

  public boolean daily() {
    return !"weekly".equals(cadence);
  }

  public boolean weekly() {
    return "weekly".equals(cadence);
  }

  /** The time as hours and minutes, null when the text is no time of day. */
  public static LocalTime parseTime(String text) {
    Matcher m = TIME.matcher(text == null ? "" : text.strip());
    return m.matches()
        ? LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
  }

  /** The time field's value: "HH:MM", or "" for a time that was no time (not echoed back). */
  public String timeValue() {
    LocalTime t = parseTime(time);
    return t == null ? "" : t.toString();
  }

  /** Whether the automatic option is the selected one. */
  public boolean automaticSelected() {
    return automatic && (zone.isEmpty() || !known(zone));
  }

  /**
   * A chosen zone missing from both lists (a fixed offset, an alias), listed on its own; null
   * when there is none, or the text is no zone at all (it is not shown again).
   */
  public String extraZone() {
    return zone.isEmpty() || ALL_SET.contains(zone) || COMMON_SET.contains(zone) || !known(zone)
        ? null : zone;
  }

  private static boolean known(String id) {
    if (ALL_SET.contains(id) || COMMON_SET.contains(id)) {
      return true;
    }
    try {
      return id.length() <= 64 && ZoneId.of(id) != null;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  /**
   * Whether the option for {@code id} in the common group (or in the full list) is the
   * selected one: a zone listed twice is selected once, in the common group.
   */
  public boolean selects(String id, boolean inCommonGroup) {
    return id.equals(zone) && (inCommonGroup || !COMMON_SET.contains(zone));
  }

  /** "America/New_York" as a reader reads it: "America/New York". */
  public static String label(String zoneId) {
    return zoneId.replace('_', ' ');
  }

  /** "daily (Monday to Friday) at 08:00, Europe/Berlin time", for the settings page. */
  public static String describe(DigestSchedule s) {
    String how = s.cadence() == Cadence.DAILY ? "Daily (Monday to Friday)" : "Weekly (Mondays)";
    return how + " at " + s.sendAt() + ", " + label(s.zone().getId()) + " time";
  }
}
