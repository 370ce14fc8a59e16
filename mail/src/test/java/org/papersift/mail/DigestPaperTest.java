package org.papersift.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DigestPaperTest {
  @Test
  void excerptsEndAtAWordWithinTheLimit() {
    String text = "word ".repeat(100);
    String e = DigestPaper.excerpt(text);
    assertThat(e).hasSizeLessThanOrEqualTo(300).endsWith("word…");
    assertThat(e.substring(0, e.length() - 1).split(" ")).containsOnly("word");
    assertThat(DigestPaper.excerpt("  Short   abstract.\n")).isEqualTo("Short abstract.");
    assertThat(DigestPaper.excerpt(null)).isEmpty();
    String exactly = "a".repeat(300);
    assertThat(DigestPaper.excerpt(exactly)).isEqualTo(exactly);
    // one endless word: cut mid-word, never between the halves of a surrogate pair
    String emoji = "😀".repeat(200);
    String cut = DigestPaper.excerpt(emoji);
    assertThat(cut).hasSizeLessThanOrEqualTo(300).endsWith("…");
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    // a comma before the cut is dropped
    String comma = "x".repeat(296) + ", and more words here";
    assertThat(DigestPaper.excerpt(comma)).isEqualTo("x".repeat(296) + "…");
  }

  @Test
  void linksGoToTheSiteAndArxiv() {
    DigestPaper p = DigestPaper.of(DigestFixtures.paper("hep-th/9901001", "T", "A", "X"),
        URI.create("https://papers.example.org/"));
    assertThat(p.pageUrl()).hasToString("https://papers.example.org/papers/hep-th/9901001");
    assertThat(p.arxivUrl()).hasToString("https://arxiv.org/abs/hep-th/9901001");
    assertThat(p.pdfUrl()).hasToString("https://arxiv.org/pdf/hep-th/9901001");
    DigestPaper other = DigestPaper.of(DigestFixtures.paper("doc-17", "T", "A", "X"),
        URI.create("https://papers.example.org/sub"));
    assertThat(other.pageUrl()).hasToString("https://papers.example.org/sub/papers/doc-17");
    assertThat(other.arxivUrl()).isNull();
    assertThat(other.pdfUrl()).isNull();
  }

  @Test
  void longAuthorListsAreShortened() {
    DigestPaper p = DigestPaper.of(DigestFixtures.paper("2511.00001", "T", "A", "A1", "A2",
        "A3", "A4", "A5", "A6", "A7"), DigestFixtures.SITE);
    assertThat(p.authors()).containsExactly("A1", "A2", "A3", "A4", "A5");
    assertThat(p.authorLine()).isEqualTo("A1, A2, A3, A4, A5 and 2 others");
    DigestPaper six = DigestPaper.of(DigestFixtures.paper("2511.00001", "T", "A", "A1", "A2",
        "A3", "A4", "A5", "A6"), DigestFixtures.SITE);
    assertThat(six.authorLine()).endsWith("A5 and 1 other");
  }
}
