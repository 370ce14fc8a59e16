package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Paper;

class BibTexTest {
  static final LocalDate DAY = LocalDate.of(2017, 6, 12);

  static Paper paper(String id, String title, List<String> authors) {
    return new Paper(id, 1, title, "abstract", authors, List.of("cs.CL", "cs.LG"), DAY,
        DAY.plusDays(3), null, null, null, null, List.of());
  }

  @Test
  void preprintIsMiscWithArxivFields() {
    Paper p = paper("1706.03762", "Attention Is All You Need",
        List.of("Ashish Vaswani", "Noam Shazeer"));
    assertThat(BibTex.format(p)).isEqualTo("""
        @misc{vaswani2017attention,
          title = {{Attention Is All You Need}},
          author = {Ashish Vaswani and Noam Shazeer},
          year = {2017},
          eprint = {1706.03762},
          archivePrefix = {arXiv},
          primaryClass = {cs.CL},
          url = {https://arxiv.org/abs/1706.03762}
        }
        """);
  }

  @Test
  void journalReferenceMakesAnArticleWithDoi() {
    Paper p = new Paper("hep-th/9901001", 2, "Strings & things", null, List.of("Ed Witten"),
        List.of("hep-th"), LocalDate.of(1999, 1, 4), null, null, "Nucl. Phys. B 550 (1999) 1",
        "10.1016/S0550-3213(99)00001-X", null, List.of());
    String entry = BibTex.format(p);
    assertThat(entry).startsWith("@article{witten1999strings,\n")
        .contains("  title = {{Strings \\& things}},\n")
        .contains("  journal = {Nucl. Phys. B 550 (1999) 1},\n")
        .contains("  eprint = {hep-th/9901001},\n")
        .contains("  doi = {10.1016/S0550-3213(99)00001-X},\n")
        .contains("  url = {https://arxiv.org/abs/hep-th/9901001}\n}\n");
  }

  @Test
  void texSpecialsAreEscaped() {
    assertThat(BibTex.escape("50% of $x_1^2$ & {a} #1 ~ \\cite"))
        .isEqualTo("50\\% of \\$x\\_1\\textasciicircum{}2\\$ \\& \\{a\\} \\#1 \\textasciitilde{}"
            + " \\textbackslash{}cite");
    assertThat(BibTex.escape("tab\there")).isEqualTo("tab here");
  }

  @Test
  void entriesStayWellFormedWhateverTheText() {
    String nasty = "}{ \\} @misc{evil, title = {x}} %comment \\";
    Paper p = new Paper("2501.00001", 1, nasty, null, List.of(nasty), List.of("cs.CL"), DAY,
        null, null, nasty, "10.1/}{\\", null, List.of());
    String entry = BibTex.format(p);
    // Braces that are not escaped balance, and only the outer pair closes the entry.
    int depth = 0;
    int closedAt = -1;
    for (int i = entry.indexOf('{'); i < entry.length(); i++) {
      char c = entry.charAt(i);
      if (c == '\\') {
        i++;
        while (i + 1 < entry.length() && Character.isLetter(entry.charAt(i))) {
          i++;
        }
        if (entry.startsWith("{}", i)) {
          i++;
        }
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          closedAt = i;
          break;
        }
      }
    }
    assertThat(closedAt).isEqualTo(entry.length() - 2);
    assertThat(entry).contains("doi = {10.1/}").doesNotContain("@misc{evil");
  }

  @Test
  void keysAreStableAsciiAndReadable() {
    assertThat(BibTex.key(paper("2501.00001", "The Élan of Models", List.of("José Müller"))))
        .isEqualTo("muller2017elan");
    assertThat(BibTex.key(paper("2501.00001", "On a theory", List.of("Lovelace, Ada"))))
        .isEqualTo("lovelace2017theory");
    assertThat(BibTex.key(paper("2501.00001", "Dreams", List.of("Martin Luther King Jr."))))
        .isEqualTo("king2017dreams");
    assertThat(BibTex.key(paper("2501.00001", "A B", List.of()))).isEqualTo("anon2017");
    assertThat(BibTex.key(paper("2501.00001", "深層学習", List.of("李"))))
        .isEqualTo("anon2017");
    Paper undated = new Paper("2501.00001", 0, "Graphs", null, List.of("Ada Lovelace"),
        List.of(), null, null, null, null, null, null, List.of());
    assertThat(BibTex.key(undated)).isEqualTo("lovelacegraphs");
    assertThat(BibTex.format(undated)).doesNotContain("year").doesNotContain("primaryClass");
    // The same paper always gets the same key.
    Paper p = paper("1706.03762", "Attention Is All You Need", List.of("Ashish Vaswani"));
    assertThat(BibTex.key(p)).isEqualTo(BibTex.key(p)).isEqualTo("vaswani2017attention");
  }

  @Test
  void nonArxivPapersLinkTheirDoi() {
    Paper p = new Paper("beir-doc-1", 0, "Retrieval", null, List.of("A B"), List.of(), DAY,
        null, null, null, "10.1000/abc", null, List.of());
    assertThat(BibTex.format(p)).doesNotContain("eprint").doesNotContain("arXiv")
        .contains("url = {https://doi.org/10.1000/abc}");
  }
}
