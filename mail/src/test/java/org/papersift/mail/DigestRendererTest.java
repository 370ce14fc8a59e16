package org.papersift.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class DigestRendererTest {
  private final DigestRenderer renderer = new DigestRenderer();
  private final DigestContent digest = DigestFixtures.digest("ada@example.org");

  @Test
  void everyTextIsEscapedInTheHtml() {
    String html = renderer.html(digest);
    assertThat(html).doesNotContain("<script>").doesNotContain("<b>markup")
        .doesNotContain("<evil@").contains("&lt;script&gt;");
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script, style, img, link, iframe, form")).isEmpty();
    assertThat(doc.select("a").stream().map(a -> a.text()).toList())
        .contains(DigestFixtures.HOSTILE_TITLE);
    assertThat(doc.text()).contains("An abstract with <b>markup</b> & an ampersand.")
        .contains("Mallory <evil@example.org>");
  }

  @Test
  void theHtmlIsOneNarrowColumnStyledInline() {
    Document doc = Jsoup.parse(renderer.html(digest));
    assertThat(doc.select("meta[name=viewport]").attr("content"))
        .isEqualTo("width=device-width, initial-scale=1");
    assertThat(doc.select("table[style*=max-width:600px]")).hasSize(1);
    assertThat(doc.select("[class]")).isEmpty(); // nothing relies on a stylesheet
    assertThat(doc.select("[onclick], [onload], [onerror]")).isEmpty();
    for (Element a : doc.select("a")) {
      assertThat(a.attr("href")).startsWith("https://");
    }
    assertThat(doc.select("h2").eachText())
        .containsExactly("Trending", "Diffusion models", "Old alert", "For you");
  }

  @Test
  void htmlAndTextSayTheSame() {
    String html = renderer.html(digest);
    String text = renderer.text(digest);
    Document doc = Jsoup.parse(html);
    List<String> links = doc.select("a").eachAttr("href");
    for (DigestSection s : digest.sections()) {
      assertThat(text).contains(s.title().toUpperCase(java.util.Locale.ROOT));
      for (DigestPaper p : s.papers()) {
        assertThat(links).contains(p.pageUrl().toString());
        assertThat(text).contains(p.pageUrl().toString());
        if (p.arxivUrl() != null) {
          assertThat(links).contains(p.arxivUrl().toString(), p.pdfUrl().toString());
          assertThat(text).contains(p.arxivUrl().toString(), p.pdfUrl().toString());
        }
        assertThat(doc.text()).contains(p.title(), p.authorLine());
        assertThat(text.replaceAll("\\s+", " ")).contains(p.title(), p.excerpt());
      }
    }
    String unsubscribe = digest.unsubscribeUrl().toString();
    assertThat(links).contains(unsubscribe);
    assertThat(text).contains(unsubscribe);
    assertThat(doc.text()).contains("could not run: unknown field foo:");
    assertThat(text).contains("could not run: unknown field foo:");
  }

  @Test
  void theTextIsWrappedWithLinksWhole() {
    String text = renderer.text(digest);
    for (String line : text.split("\n")) {
      if (!line.contains("://")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(72);
      }
    }
    assertThat(text).contains("\n  https://papers.example.org/papers/hep-th/9901001\n")
        .contains("\n  arXiv: https://arxiv.org/abs/hep-th/9901001\n")
        .contains("* " + DigestFixtures.HOSTILE_TITLE);
  }

  @Test
  void theConfirmMailEscapesTheAddressAndCarriesTheLinkInBothParts() {
    ConfirmContent c = new ConfirmContent("\"<b>odd</b>\"&co@example.org", "papers.example.org",
        "on weekdays at 08:00 (Europe/Paris time)",
        java.net.URI.create("https://papers.example.org/subscribe/confirm?token=abc_DEF-123"), 7);
    String html = renderer.confirmHtml(c);
    assertThat(html).doesNotContain("<b>odd").contains("&lt;b&gt;odd&lt;/b&gt;");
    Document doc = Jsoup.parse(html);
    assertThat(doc.title()).isEqualTo(ConfirmContent.SUBJECT);
    assertThat(doc.select("strong").text()).isEqualTo(c.email());
    assertThat(doc.select("a").attr("href")).isEqualTo(c.link().toString());
    assertThat(doc.text()).contains("works for 7 days")
        .contains("asked papers.example.org to send papersift digests")
        .contains("on weekdays at 08:00 (Europe/Paris time)");
    String text = renderer.confirmText(c);
    assertThat(text.lines()).contains(c.link().toString());
    assertThat(text).contains(c.email()).contains("works for 7 days");
  }

  @Test
  void theSubjectCountsPapersOnOneLine() {
    assertThat(renderer.subject(digest))
        .isEqualTo("papersift · Monday, 23 November 2026 · 4 papers");
    DigestContent sneaky = new DigestContent("a@example.org", "today\r\nBcc: x@example.org",
        List.of(), DigestFixtures.SITE, digest.unsubscribeUrl());
    assertThat(renderer.subject(sneaky)).isEqualTo("papersift · today Bcc: x@example.org · 0 papers");
    assertThat(sneaky.isEmpty()).isTrue();
  }

  @Test
  void oneLineTakesAShortCutOnlyForTextThatIsOneLineAlready() {
    java.util.regex.Pattern breaks =
        java.util.regex.Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\s]+");
    for (String s : new String[] {"", "one line", " lead", "trail ", "two  spaces", "tab\there",
        "line\nbreak", "cr\rlf", "nul\0", "del\u007f", "\u2028sep", "para\u2029",
        "nbsp\u00a0inside", "em\u2003space", "\u3000ideographic", "next\u0085line",
        "Résumé — ünïcödé", "量子 methods", "\u2003"}) {
      assertThat(DigestRenderer.oneLine(s)).as(s)
          .isEqualTo(breaks.matcher(s).replaceAll(" ").strip());
    }
  }
}
