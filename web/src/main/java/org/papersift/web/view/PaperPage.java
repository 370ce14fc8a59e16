package org.papersift.web.view;

import java.util.List;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;

/**
 * One paper with everything about it.
 *
 * @param links the source's own http(s) links beyond arXiv and DOI
 * @param similar papers like this one
 * @param returnUrl this page, for the vote and save forms
 */
public record PaperPage(Paper paper, int votes, boolean voted, boolean saved, String bibtex,
    List<Link> links, List<PaperItem> similar, String returnUrl) {
  public PaperPage {
    links = List.copyOf(links);
    similar = List.copyOf(similar);
  }

  /** The arXiv abstract page; null for papers that are not from arXiv. */
  public String absUrl() {
    return Urls.isArxiv(paper.id()) ? Urls.arxivAbs(paper.id()) : null;
  }

  public String pdfUrl() {
    return Urls.isArxiv(paper.id()) ? Urls.arxivPdf(paper.id()) : null;
  }

  public String doiUrl() {
    return paper.doi() == null ? null : Urls.doi(paper.doi());
  }

  /** The item for the vote form, shared with listings. */
  public PaperItem item() {
    return new PaperItem(paper, votes, voted, saved, null);
  }
}
