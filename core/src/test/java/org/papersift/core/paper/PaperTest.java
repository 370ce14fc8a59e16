package org.papersift.core.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperTest {
  @Test
  void normalizesWhitespaceAndLists() {
    Paper p = new Paper("2501.00001", 1, "  A title\n  wrapped  over lines ", "\tAbstract ",
        Arrays.asList("Ada", null, " ", "Alan  Turing"), List.of("cs.CL", "cs.LG", "cs.CL"),
        null, null, "", null, null, null, null);
    assertThat(p.title()).isEqualTo("A title wrapped over lines");
    assertThat(p.abstractText()).isEqualTo("Abstract");
    assertThat(p.authors()).containsExactly("Ada", "Alan Turing");
    assertThat(p.categories()).containsExactly("cs.CL", "cs.LG");
    assertThat(p.primaryCategory()).isEqualTo("cs.CL");
    assertThat(p.comment()).isNull();
    assertThat(p.links()).isEmpty();
  }

  @Test
  void cleanLeavesCleanTextAloneAndCollapsesEveryKindOfWhitespace() {
    String clean = "Transformers: über-fast attention (ε < 1), 100% à la carte";
    assertThat(Paper.clean(clean)).isSameAs(clean);
    assertThat(Paper.clean("a b")).isEqualTo("a b");
    assertThat(Paper.clean("x")).isEqualTo("x");
    assertThat(Paper.clean("")).isNull();
    assertThat(Paper.clean(" \t\n\u00a0")).isNull();
    assertThat(Paper.clean(" a")).isEqualTo("a");
    assertThat(Paper.clean("a ")).isEqualTo("a");
    assertThat(Paper.clean("a  b")).isEqualTo("a b");
    assertThat(Paper.clean("a\nb")).isEqualTo("a b");
    assertThat(Paper.clean("a\r\n\tb")).isEqualTo("a b");
    // a no-break space or another Unicode space is whitespace too, next to a space or not
    assertThat(Paper.clean("a\u00a0b")).isEqualTo("a b");
    assertThat(Paper.clean("a \u00a0b")).isEqualTo("a b");
    assertThat(Paper.clean("a\u00a0 b")).isEqualTo("a b");
    assertThat(Paper.clean("a \u00a0")).isEqualTo("a");
    assertThat(Paper.clean("a\u2003b\u3000")).isEqualTo("a b");
    // control characters that are not whitespace are kept
    assertThat(Paper.clean("a\u0001b")).isEqualTo("a\u0001b");
  }

  @Test
  void rejectsMissingTitleAndOversizedFields() {
    assertThatThrownBy(() -> Paper.of("2501.00001", "  "))
        .isInstanceOf(InvalidPaperException.class).hasMessage("paper 2501.00001: title is missing");
    String huge = "x".repeat(Paper.MAX_ABSTRACT_CHARS + 1);
    assertThatThrownBy(() -> Paper.of("2501.00001", "t").withAbstract(huge))
        .hasMessageContaining("abstract has 100001 characters, at most 100000");
  }

  @Test
  void mergeKeepsRicherStoredFieldsAndNeverGoesBackAVersion() {
    Paper stored = new Paper("2501.00001", 2, "Title v2", "Abs", List.of("A"), List.of("cs.CL"),
        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), "c", "J. Ref", "10.1/x", "lic",
        List.of(Link.of("alternate", "https://arxiv.org/abs/2501.00001")));
    Paper poorer = Paper.of("2501.00001", "Title v2");
    assertThat(poorer.mergeOnto(stored)).isEqualTo(stored);
    Paper older = Paper.of("2501.00001v1", "Title v1");
    assertThat(older.mergeOnto(stored)).isSameAs(stored);
    Paper newer = Paper.of("2501.00001v3", "Title v3");
    Paper merged = newer.mergeOnto(stored);
    assertThat(merged.version()).isEqualTo(3);
    assertThat(merged.title()).isEqualTo("Title v3");
    assertThat(merged.doi()).isEqualTo("10.1/x");
  }
}
