package org.papersift.app.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.Cadence;

class DigestWindowTest {
  static final LocalDate MON = LocalDate.of(2026, 11, 23);

  @Test
  void consecutiveDigestsCoverEveryDayOnce() {
    // Monday's daily digest after Friday's: Friday to Sunday
    assertThat(DigestWindow.of(MON, "2026-11-20"))
        .isEqualTo(new DigestWindow(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 22)));
    // Tuesday's after Monday's: Monday
    assertThat(DigestWindow.of(MON.plusDays(1), "2026-11-23"))
        .isEqualTo(new DigestWindow(MON, MON));
    // weekly: last Monday to Sunday
    assertThat(DigestWindow.of(MON, "2026-W47"))
        .isEqualTo(new DigestWindow(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)));
  }

  @Test
  void aFirstDigestAPauseOrAStrangePeriodCoverTheLastWeek() {
    DigestWindow week = new DigestWindow(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));
    assertThat(DigestWindow.of(MON, null)).isEqualTo(week);
    assertThat(DigestWindow.of(MON, "2026-10-01")).isEqualTo(week); // a long pause
    assertThat(DigestWindow.of(MON, "2026-W12")).isEqualTo(week);
    assertThat(DigestWindow.of(MON, "not a period")).isEqualTo(week);
    assertThat(DigestWindow.of(MON, "2026-W99")).isEqualTo(week);
    assertThat(DigestWindow.of(MON, "2026-11-23")).isEqualTo(week); // the same day: not newer
    // a cadence change: the weekly period's Monday starts the daily window
    assertThat(DigestWindow.of(MON.plusDays(2), "2026-W48"))
        .isEqualTo(new DigestWindow(MON, MON.plusDays(1)));
  }

  @Test
  void weeksAcrossTheYearEnd() {
    assertThat(DigestWindow.startOf("2026-W53")).isEqualTo(LocalDate.of(2026, 12, 28));
    assertThat(DigestWindow.startOf("2027-W01")).isEqualTo(LocalDate.of(2027, 1, 4));
    assertThat(DigestWindow.startOf("2027-W53")).isNull(); // 2027 has 52 ISO weeks
    assertThat(DigestWindow.startOf(Cadence.WEEKLY.period(LocalDate.of(2027, 1, 1))))
        .isEqualTo(LocalDate.of(2026, 12, 28));
  }

  @Test
  void labels() {
    assertThat(DigestWindow.label(Cadence.DAILY, MON)).isEqualTo("Monday, 23 November 2026");
    assertThat(DigestWindow.label(Cadence.WEEKLY, MON)).isEqualTo("Week 48, 2026");
    assertThat(new DigestWindow(MON, MON).days()).isEqualTo("23 November");
    assertThat(new DigestWindow(MON.minusDays(3), MON).days()).isEqualTo("20 to 23 November");
    assertThat(new DigestWindow(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 4)).days())
        .isEqualTo("28 November to 4 December");
  }
}
