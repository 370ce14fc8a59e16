package org.papersift.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CadenceTest {
  @Test
  void dailyIsWeekdaysWeeklyIsMondays() {
    LocalDate monday = LocalDate.parse("2026-11-23");
    assertThat(Cadence.DAILY.sendsOn(monday)).isTrue();
    assertThat(Cadence.DAILY.sendsOn(monday.plusDays(4))).isTrue();
    assertThat(Cadence.DAILY.sendsOn(monday.plusDays(5))).isFalse();
    assertThat(Cadence.DAILY.sendsOn(monday.plusDays(6))).isFalse();
    assertThat(Cadence.WEEKLY.sendsOn(monday)).isTrue();
    assertThat(Cadence.WEEKLY.sendsOn(monday.plusDays(1))).isFalse();
  }

  @Test
  void periodsNameTheDayOrTheIsoWeek() {
    assertThat(Cadence.DAILY.period(LocalDate.parse("2026-11-23"))).isEqualTo("2026-11-23");
    assertThat(Cadence.WEEKLY.period(LocalDate.parse("2026-11-23"))).isEqualTo("2026-W48");
    // 2027-01-01 is a Friday of the last ISO week of 2026
    assertThat(Cadence.WEEKLY.period(LocalDate.parse("2027-01-01"))).isEqualTo("2026-W53");
    assertThat(Cadence.WEEKLY.period(LocalDate.parse("2026-01-05"))).isEqualTo("2026-W02");
  }

  @Test
  void namesRoundTrip() {
    for (Cadence c : Cadence.values()) {
      assertThat(Cadence.of(c.id())).isEqualTo(c);
    }
    assertThatThrownBy(() -> Cadence.of("hourly")).hasMessageContaining("hourly");
    assertThatThrownBy(() -> DigestSchedule.zone("Mars/Olympus"))
        .hasMessageContaining("Mars/Olympus");
    assertThat(new DigestSchedule(Cadence.DAILY, LocalTime.of(7, 30, 59),
        DigestSchedule.zone("Europe/Berlin")).sendAt()).isEqualTo(LocalTime.of(7, 30));
  }
}
