package org.papersift.mail;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;

/**
 * One paper as a digest shows it: title, the first authors, a short excerpt of the abstract and
 * links. Plain text throughout; the renderer escapes it.
 *
 * @param authors the first {@value #MAX_AUTHORS} authors
 * @param moreAuthors how many more the paper has (shown as "and N others")
 * @param excerpt at most {@value #MAX_EXCERPT_CHARS} characters, cut at a word; may be empty
 * @param pageUrl the paper's page on this site
 * @param arxivUrl the abstract page on arxiv.org, or null for papers that are not on arXiv
 * @param pdfUrl the PDF on arxiv.org, or null
 */
public record DigestPaper(String id, String title, List<String> authors, int moreAuthors,
    String excerpt, URI pageUrl, URI arxivUrl, URI pdfUrl) {
  public static final int MAX_EXCERPT_CHARS = 300;
  public static final int MAX_AUTHORS = 5;
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  public DigestPaper {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(pageUrl, "pageUrl");
    authors = List.copyOf(authors);
    excerpt = excerpt == null ? "" : excerpt;
    if (excerpt.length() > MAX_EXCERPT_CHARS) {
      throw new IllegalArgumentException("excerpt of " + id + ": at most " + MAX_EXCERPT_CHARS
          + " characters, got " + excerpt.length() + " (see excerpt())");
    }
    if (moreAuthors < 0) {
      throw new IllegalArgumentException("moreAuthors must not be negative, got " + moreAuthors);
    }
  }

  /**
   * A stored paper as the digest shows it, linked to its page under {@code siteUrl} (e.g.
   * https://papers.example.org) and, for arXiv ids, to arxiv.org.
   */
  public static DigestPaper of(Paper paper, URI siteUrl) {
    String id = paper.id(); // a PaperId: letters, digits and ._:/- only, safe in a path as is
    boolean arxiv = new PaperId(id, 0).isArxiv();
    List<String> authors = paper.authors();
    int shown = Math.min(authors.size(), MAX_AUTHORS);
    return new DigestPaper(id, paper.title(), authors.subList(0, shown), authors.size() - shown,
        excerpt(paper.abstractText()), site(siteUrl, "/papers/" + id),
        arxiv ? URI.create("https://arxiv.org/abs/" + id) : null,
        arxiv ? URI.create("https://arxiv.org/pdf/" + id) : null);
  }

  /** The authors in one line: "A, B, C and 4 others". */
  public String authorLine() {
    String names = String.join(", ", authors);
    if (moreAuthors == 0) {
      return names;
    }
    return names + " and " + moreAuthors + (moreAuthors == 1 ? " other" : " others");
  }

  /**
   * The start of {@code text}, at most {@value #MAX_EXCERPT_CHARS} characters: whole when it fits,
   * otherwise cut at the last space that leaves room for "…" (mid-word only for a first word
   * longer than the limit, and never inside a surrogate pair).
   */
  public static String excerpt(String text) {
    if (text == null) {
      return "";
    }
    String t = SPACES.matcher(text.strip()).replaceAll(" ");
    if (t.length() <= MAX_EXCERPT_CHARS) {
      return t;
    }
    int limit = MAX_EXCERPT_CHARS - 1; // room for the ellipsis
    int cut = t.lastIndexOf(' ', limit);
    if (cut <= 0) {
      cut = Character.isLowSurrogate(t.charAt(limit)) ? limit - 1 : limit;
    }
    String head = t.substring(0, cut).stripTrailing();
    // a sentence's last comma or dash does not end the excerpt well
    while (!head.isEmpty() && ",;:-–".indexOf(head.charAt(head.length() - 1)) >= 0) {
      head = head.substring(0, head.length() - 1).stripTrailing();
    }
    return head + "…";
  }

  static URI site(URI siteUrl, String path) {
    String base = siteUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }
}
