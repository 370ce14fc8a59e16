package org.papersift.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static DigestSchedule daily(int hour, int minute, ZoneId zone) {
    return new DigestSchedule(Cadence.DAILY, LocalTime.of(hour, minute), zone);
  }

  @Test
  void theDigestOfADayIsDueFromItsLocalTime() {
    DigestSchedule s = daily(8, 0, BERLIN); // 07:00 UTC in winter
    // Tuesday 2026-11-24
    assertThat(s.period(Instant.parse("2026-11-24T06:59:59Z"))).isEqualTo("2026-11-23");
    assertThat(s.period(Instant.parse("2026-11-24T07:00:00Z"))).isEqualTo("2026-11-24");
    // Saturday and Sunday: Friday's digest is the latest
    assertThat(s.period(Instant.parse("2026-11-29T12:00:00Z"))).isEqualTo("2026-11-27");
    // Monday before 8: still Friday's
    assertThat(s.period(Instant.parse("2026-11-30T06:00:00Z"))).isEqualTo("2026-11-27");
    // the same instant is another day in another zone
    DigestSchedule tokyo = daily(8, 0, ZoneId.of("Asia/Tokyo"));
    assertThat(tokyo.period(Instant.parse("2026-11-24T23:30:00Z"))).isEqualTo("2026-11-25");
  }

  @Test
  void weeklyIsDueFromMondayForTheWholeWeek() {
    DigestSchedule s = new DigestSchedule(Cadence.WEEKLY, LocalTime.of(9, 30), BERLIN);
    assertThat(s.period(Instant.parse("2026-11-23T08:29:00Z"))).isEqualTo("2026-W47");
    assertThat(s.period(Instant.parse("2026-11-23T08:30:00Z"))).isEqualTo("2026-W48");
    assertThat(s.period(Instant.parse("2026-11-29T22:00:00Z"))).isEqualTo("2026-W48");
    assertThat(s.lastSendDate(Instant.parse("2026-11-29T22:00:00Z")))
        .isEqualTo(LocalDate.parse("2026-11-23"));
  }

  // Cairo moves its clocks on Fridays at midnight (2026: forward on 24 April, back on 30
  // October), so its skipped and repeated hours fall on digest days, unlike Europe's Sundays.
  static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");

  @Test
  void aSkippedTimeSendsAtTheEndOfTheGap() {
    DigestSchedule s = daily(0, 30, CAIRO); // 00:30 does not exist on Friday 2026-04-24
    assertThat(s.sendTime(LocalDate.parse("2026-04-24")))
        .isEqualTo(Instant.parse("2026-04-23T22:30:00Z")); // 01:30 +03:00
    assertThat(periodsAcross(s, "2026-04-23T18:00:00Z", "2026-04-24T06:00:00Z"))
        .containsExactly("2026-04-23", "2026-04-24");
    assertThat(s.period(Instant.parse("2026-04-23T22:29:59Z"))).isEqualTo("2026-04-23");
    assertThat(s.period(Instant.parse("2026-04-23T22:30:00Z"))).isEqualTo("2026-04-24");
  }

  @Test
  void aRepeatedTimeMakesOnePeriod() {
    DigestSchedule s = daily(23, 30, CAIRO); // 23:30 comes twice on Thursday 2026-10-29
    assertThat(s.sendTime(LocalDate.parse("2026-10-29")))
        .isEqualTo(Instant.parse("2026-10-29T20:30:00Z")); // the first, +03:00
    assertThat(periodsAcross(s, "2026-10-29T18:00:00Z", "2026-10-30T06:00:00Z"))
        .containsExactly("2026-10-28", "2026-10-29");
    // the second 23:30 (+02:00) finds the period it already had
    assertThat(s.period(Instant.parse("2026-10-29T21:30:00Z"))).isEqualTo("2026-10-29");
  }

  /** The distinct periods seen every five minutes from {@code from} to {@code to}, in order. */
  private static java.util.List<String> periodsAcross(DigestSchedule s, String from, String to) {
    java.util.List<String> seen = new java.util.ArrayList<>();
    for (Instant t = Instant.parse(from); t.isBefore(Instant.parse(to)); t = t.plusSeconds(300)) {
      String p = s.period(t);
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(p)) {
        seen.add(p);
      }
    }
    return seen;
  }
}
