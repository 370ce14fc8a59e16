package org.papersift.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  @Test
  void pullsFiltersOutOfTheText() {
    SearchQuery q = SearchQuery.parse(
        "graph neural cat:cs.LG author:\"Ada Lovelace\" networks from:2025-03 to:2025", 10);
    assertThat(q.text()).isEqualTo("graph neural networks");
    assertThat(q.categories()).containsExactly("cs.LG");
    assertThat(q.authors()).containsExactly("Ada Lovelace");
    assertThat(q.from()).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(q.to()).isEqualTo(LocalDate.of(2025, 12, 31));
  }

  @Test
  void dateRangesAndMonths() {
    SearchQuery q = SearchQuery.parse("date:2025-02", 5);
    assertThat(q.from()).isEqualTo(LocalDate.of(2025, 2, 1));
    assertThat(q.to()).isEqualTo(LocalDate.of(2025, 2, 28));
    SearchQuery open = SearchQuery.parse("x date:2025-03-01..", 5);
    assertThat(open.from()).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(open.to()).isNull();
  }

  @Test
  void aColonInsideAWordIsNotAFilter() {
    assertThat(SearchQuery.parse("BERT:pretraining http://x.org/cat:y", 10).hasFilters()).isFalse();
  }

  @Test
  void badInputSaysWhatWasExpected() {
    assertThatThrownBy(() -> SearchQuery.parse("x from:yesterday", 10))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("from: expected a date like 2025-03-18, 2025-03 or 2025, got \"yesterday\"");
    assertThatThrownBy(() -> SearchQuery.parse("x from:2025-05-01 to:2025-04-01", 10))
        .hasMessageContaining("date range is empty");
    assertThatThrownBy(() -> SearchQuery.of("x", 0)).hasMessageContaining("limit must be between");
    assertThatThrownBy(() -> SearchQuery.parse("author:\"\"", 10)).hasMessageContaining("needs a value");
  }
}
