package org.papersift.sources.arxiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawAuthorListTest {
  private static List<String> names(String raw) {
    return RawAuthorList.parse(raw).stream().map(Author::name).toList();
  }

  @Test
  void splitsCommasAndTheFinalAnd() {
    assertThat(names("Joshua Berger, Maxim Perelstein, Michael Saelim and Philip Tanedo"))
        .containsExactly("Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo");
  }

  @Test
  void handlesTheSerialCommaBeforeAnd() {
    assertThat(names("D.V. Shetty, S.J. Yennello, and G.A. Souliotis"))
        .containsExactly("D.V. Shetty", "S.J. Yennello", "G.A. Souliotis");
  }

  @Test
  void keepsWordsThatMerelyContainAnd() {
    assertThat(names("Alexander Anderson and Sandra Landau"))
        .containsExactly("Alexander Anderson", "Sandra Landau");
    assertThat(names("T. S. Barman")).containsExactly("T. S. Barman");
  }

  @Test
  void joinsWrappedLinesAndDropsEmptyPieces() {
    assertThat(names("  A. One,\n  B. Two ,, and\n C. Three ")).containsExactly("A. One",
        "B. Two", "C. Three");
    assertThat(names("A. One, B. Two, et al.")).containsExactly("A. One", "B. Two");
    assertThat(RawAuthorList.parse(null)).isEmpty();
    assertThat(RawAuthorList.parse("   ")).isEmpty();
  }

  @Test
  void inlineAffiliationsDoNotSplitAndAreKept() {
    assertThat(RawAuthorList.parse("A. Smith (MIT, Cambridge and Harvard), B. Jones (CERN)"))
        .containsExactly(new Author("A. Smith", List.of("MIT, Cambridge and Harvard")),
            new Author("B. Jones", List.of("CERN")));
  }

  @Test
  void numberedAffiliationsAreResolvedFromTheLegend() {
    assertThat(RawAuthorList.parse("A. Smith (1 and 2), B. Jones (2), C. Wu (1, 2) ((1) MIT,"
        + " Cambridge, (2) CERN)")).containsExactly(
            new Author("A. Smith", List.of("MIT, Cambridge", "CERN")),
            new Author("B. Jones", List.of("CERN")),
            new Author("C. Wu", List.of("MIT, Cambridge", "CERN")));
  }

  @Test
  void suffixesStayWithTheirAuthor() {
    assertThat(names("John Smith, Jr., Ann Lee and Carl Doe, III"))
        .containsExactly("John Smith Jr.", "Ann Lee", "Carl Doe III");
  }
}
