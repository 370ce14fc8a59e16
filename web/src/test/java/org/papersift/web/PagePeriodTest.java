package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PagePeriodTest {
  @Test
  void everyDayIsInTheIsoWeekThatItsWeekParamNames() {
    for (LocalDate d = LocalDate.of(2019, 12, 1); d.isBefore(LocalDate.of(2027, 2, 1));
        d = d.plusDays(1)) {
      Period week = Period.weekOf(d);
      Period parsed = Period.parseWeek(week.isoWeek());
      assertThat(parsed).as("%s", d).isEqualTo(week);
      assertThat(d).isBetween(parsed.from(), parsed.to());
      assertThat(parsed.next().from()).isEqualTo(parsed.to().plusDays(1));
      assertThat(parsed.previous().to()).isEqualTo(parsed.from().minusDays(1));
    }
  }

  @Test
  void monthsAndTheirNeighbours() {
    Period feb = Period.parseMonth("2024-02");
    assertThat(feb.to()).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(Period.parseMonth("2025-02").to()).isEqualTo(LocalDate.of(2025, 2, 28));
    assertThat(Period.parseMonth("2025-01").previous().param()).isEqualTo("month=2024-12");
    assertThat(Period.parseMonth("2025-12").next().param()).isEqualTo("month=2026-01");
    assertThat(Period.monthOf(LocalDate.of(2025, 1, 31)).next().to())
        .isEqualTo(LocalDate.of(2025, 2, 28));
  }

  @Test
  void labels() {
    assertThat(Period.day(LocalDate.of(2025, 3, 18)).label()).isEqualTo("Tuesday 18 March 2025");
    assertThat(Period.parseWeek("2025-W12").range()).isEqualTo("17–23 March 2025");
    assertThat(Period.parseWeek("2025-W14").range()).isEqualTo("31 March – 6 April 2025");
    assertThat(Period.parseWeek("2025-W01").range())
        .isEqualTo("30 December 2024 – 5 January 2025");
    assertThat(Period.parseMonth("2025-03").label()).isEqualTo("March 2025");
  }

  @Test
  void badValuesSayWhatIsExpected() {
    assertThatThrownBy(() -> Period.parseDate("date", "2025-02-29"))
        .hasMessageContaining("no such day as \"2025-02-29\"");
    assertThatThrownBy(() -> Period.parseWeek("2021-W53"))
        .hasMessageContaining("2021 has weeks W01 to W52");
    assertThatThrownBy(() -> Period.parseMonth("2025-00"))
        .hasMessageContaining("months run from 01 to 12");
    assertThatThrownBy(() -> Period.parseDate("date", "x".repeat(1000)))
        .hasMessageContaining("…").message().hasSizeLessThan(120);
  }
}
