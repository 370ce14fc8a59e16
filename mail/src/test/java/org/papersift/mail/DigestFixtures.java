package org.papersift.mail;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.papersift.core.paper.Paper;

/** Digests for tests: a few papers in every kind of section, one with a hostile title. */
public final class DigestFixtures {
  public static final URI SITE = URI.create("https://papers.example.org");
  public static final String HOSTILE_TITLE = "<script>alert('x')</script> & \"quotes\" </td>";

  private DigestFixtures() {}

  public static Paper paper(String id, String title, String abstractText, String... authors) {
    return Paper.of(id, title).withAbstract(abstractText).withAuthors(List.of(authors))
        .withPublished(LocalDate.parse("2026-11-20"));
  }

  /** A digest for {@code recipient} with trending, an alert, a broken alert and "For you". */
  public static DigestContent digest(String recipient, URI unsubscribe) {
    DigestPaper attention = DigestPaper.of(paper("2511.01234", "Attention is still all you need",
        "We revisit attention. ".repeat(40), "Ada Lovelace", "Alan Turing", "Grace Hopper",
        "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Frances Allen"), SITE);
    DigestPaper hostile = DigestPaper.of(paper("2511.05678", HOSTILE_TITLE,
        "An abstract with <b>markup</b> & an ampersand.", "Mallory <evil@example.org>"), SITE);
    DigestPaper old = DigestPaper.of(paper("hep-th/9901001", "Strings, old style",
        "Short.", "Ed Witten"), SITE);
    DigestPaper unicode = DigestPaper.of(paper("2511.09999", "Résumé of 量子 methods — ünïcödé",
        "Ça marche: ∑ over ℕ.", "Jörg Müller"), SITE);
    return new DigestContent(recipient, "Monday, 23 November 2026", List.of(
        DigestSection.trending(List.of(attention, hostile)),
        DigestSection.alert("Diffusion models", "diffusion cat:cs.LG -survey", List.of(old)),
        DigestSection.brokenAlert("Old alert", "unknown field foo: in \"foo:bar\""),
        DigestSection.forYou(List.of(unicode))), SITE, unsubscribe);
  }

  public static DigestContent digest(String recipient) {
    return digest(recipient, URI.create(SITE + "/unsubscribe?token=TOKEN_abc-123"));
  }
}
