package org.papersift.web.view;

import java.util.List;
import org.papersift.core.paper.Paper;

/**
 * One paper in a listing (daily, trending, search, author, similar), with what the visitor sees
 * around it: the vote count, whether they voted for it or saved it, and an optional line such as
 * the trending score.
 */
public record PaperItem(Paper paper, int votes, boolean voted, boolean saved, String extra) {
  /** Author lists longer than this are cut to {@link #SHOWN_AUTHORS} names and "and N more". */
  public static final int MAX_AUTHORS = 5;
  public static final int SHOWN_AUTHORS = 4;
  public static final int EXCERPT_CHARS = 280;

  public String url() {
    return Urls.paper(paper.id());
  }

  public List<String> shownAuthors() {
    List<String> all = paper.authors();
    return all.size() > MAX_AUTHORS ? all.subList(0, SHOWN_AUTHORS) : all;
  }

  /** How many authors {@link #shownAuthors()} leaves out (0 when all are shown). */
  public int moreAuthors() {
    return paper.authors().size() - shownAuthors().size();
  }

  /** The start of the abstract, cut at a word, "…" when cut; empty when there is none. */
  public String excerpt() {
    return excerpt(paper.abstractText(), EXCERPT_CHARS);
  }

  static String excerpt(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max);
    if (cut < max / 2) {
      cut = max;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
    }
    String kept = text.substring(0, cut).stripTrailing();
    // "…release code,…" reads badly: the cut drops trailing punctuation.
    int end = kept.length();
    while (end > 0 && ",;:.-–—(".indexOf(kept.charAt(end - 1)) >= 0) {
      end--;
    }
    return kept.substring(0, end) + "…";
  }
}
