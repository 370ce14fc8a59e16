package org.papersift.core.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaperIdTest {
  @Test
  void everySpellingOfAnArxivIdDedupesToOneKey() {
    assertThat(PaperId.parse("2501.01234v3")).isEqualTo(new PaperId("2501.01234", 3));
    assertThat(PaperId.parse("arXiv:2501.01234")).isEqualTo(new PaperId("2501.01234", 0));
    assertThat(PaperId.parse("http://arxiv.org/abs/2501.01234v2")).isEqualTo(new PaperId("2501.01234", 2));
    assertThat(PaperId.parse("https://arxiv.org/pdf/2501.01234v1.pdf")).isEqualTo(new PaperId("2501.01234", 1));
    assertThat(PaperId.parse("oai:arXiv.org:0704.0001")).isEqualTo(new PaperId("0704.0001", 0));
    assertThat(PaperId.parse("hep-th/9901001v2")).isEqualTo(new PaperId("hep-th/9901001", 2));
    assertThat(PaperId.parse("math.GT/0309136")).isEqualTo(new PaperId("math.GT/0309136", 0));
    assertThat(PaperId.parse(" 2501.01234 ").isArxiv()).isTrue();
  }

  @Test
  void otherIdsAreKeptIfSafe() {
    assertThat(PaperId.parse("4983")).isEqualTo(new PaperId("4983", 0));
    assertThat(PaperId.parse("4983").isArxiv()).isFalse();
    assertThatThrownBy(() -> PaperId.parse("<script>")).hasMessageContaining("\"<script>\"");
    assertThatThrownBy(() -> PaperId.parse(" ")).hasMessage("id is missing");
    assertThatThrownBy(() -> PaperId.parse("2501.01234v99999999999")).hasMessageContaining("too large");
  }
}
