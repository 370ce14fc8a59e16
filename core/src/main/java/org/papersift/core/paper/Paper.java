package org.papersift.core.paper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One paper, normalized. Validated on construction: id and title are required, text fields are
 * trimmed with runs of whitespace collapsed (arXiv wraps titles over lines), lists are copied
 * without nulls or blanks, categories keep their order (primary first) without repeats.
 *
 * @param version arXiv version, 0 when unknown
 * @param categories primary category first
 * @param published first listed / v1 date, may be null
 * @param updated date of the latest version, may be null
 */
public record Paper(
    String id,
    int version,
    String title,
    String abstractText,
    List<String> authors,
    List<String> categories,
    LocalDate published,
    LocalDate updated,
    String comment,
    String journalRef,
    String doi,
    String license,
    List<Link> links) {

  /** Longest title kept; arXiv's longest is a few hundred characters. */
  public static final int MAX_TITLE_CHARS = 2_000;
  /** Longest abstract kept; arXiv caps abstracts at 1,920 characters, other sources run longer. */
  public static final int MAX_ABSTRACT_CHARS = 100_000;
  /** Most authors kept; collaboration papers reach a few thousand. */
  public static final int MAX_AUTHORS = 10_000;
  private static final int MAX_SHORT_FIELD_CHARS = 10_000;

  public Paper {
    PaperId checked = new PaperId(id, version);
    title = clean(title);
    if (title == null) {
      throw new InvalidPaperException("paper " + checked + ": title is missing");
    }
    requireAtMost(checked, "title", title, MAX_TITLE_CHARS);
    abstractText = clean(abstractText);
    requireAtMost(checked, "abstract", abstractText, MAX_ABSTRACT_CHARS);
    authors = cleanList(authors);
    if (authors.size() > MAX_AUTHORS) {
      throw new InvalidPaperException("paper " + checked + ": " + authors.size()
          + " authors, at most " + MAX_AUTHORS + " are accepted");
    }
    categories = List.copyOf(new LinkedHashSet<>(cleanList(categories)));
    comment = clean(comment);
    journalRef = clean(journalRef);
    doi = clean(doi);
    license = clean(license);
    requireAtMost(checked, "comment", comment, MAX_SHORT_FIELD_CHARS);
    requireAtMost(checked, "journal-ref", journalRef, MAX_SHORT_FIELD_CHARS);
    requireAtMost(checked, "doi", doi, MAX_SHORT_FIELD_CHARS);
    requireAtMost(checked, "license", license, MAX_SHORT_FIELD_CHARS);
    links = links == null ? List.of() : List.copyOf(links.stream().filter(Objects::nonNull).toList());
  }

  /** A paper with only the required fields; the rest can be added with the with-ers. */
  public static Paper of(String id, String title) {
    PaperId pid = PaperId.parse(id);
    return new Paper(pid.id(), pid.version(), title, null, List.of(), List.of(), null, null, null,
        null, null, null, List.of());
  }

  public String primaryCategory() {
    return categories.isEmpty() ? null : categories.get(0);
  }

  /**
   * This (incoming) record laid over a stored one: fields this record lacks keep the stored
   * value, so a source with fewer fields (a JSONL dump without DOIs) never erases what a richer
   * one (the OAI-PMH harvest) brought. Returns {@code stored} itself when this record is an older
   * version than the stored one, since an old version must not overwrite a newer one.
   */
  public Paper mergeOnto(Paper stored) {
    if (!stored.id.equals(id)) {
      throw new IllegalArgumentException("cannot merge " + id + " onto " + stored.id);
    }
    if (version != 0 && stored.version != 0 && version < stored.version) {
      return stored;
    }
    return new Paper(id, Math.max(version, stored.version), title,
        pick(abstractText, stored.abstractText),
        authors.isEmpty() ? stored.authors : authors,
        categories.isEmpty() ? stored.categories : categories,
        pick(published, stored.published),
        pick(updated, stored.updated),
        pick(comment, stored.comment),
        pick(journalRef, stored.journalRef),
        pick(doi, stored.doi),
        pick(license, stored.license),
        links.isEmpty() ? stored.links : links);
  }

  public Paper withAbstract(String text) {
    return new Paper(id, version, title, text, authors, categories, published, updated, comment,
        journalRef, doi, license, links);
  }

  public Paper withAuthors(List<String> names) {
    return new Paper(id, version, title, abstractText, names, categories, published, updated,
        comment, journalRef, doi, license, links);
  }

  public Paper withCategories(List<String> cats) {
    return new Paper(id, version, title, abstractText, authors, cats, published, updated, comment,
        journalRef, doi, license, links);
  }

  public Paper withPublished(LocalDate date) {
    return new Paper(id, version, title, abstractText, authors, categories, date, updated, comment,
        journalRef, doi, license, links);
  }

  private static <T> T pick(T incoming, T stored) {
    return incoming != null ? incoming : stored;
  }

  private static void requireAtMost(PaperId id, String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidPaperException("paper " + id + ": " + field + " has " + value.length()
          + " characters, at most " + max + " are accepted");
    }
  }

  /** Trims and collapses whitespace runs to one space; blank becomes null. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    if (isClean(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.isEmpty() ? null : out.toString();
  }

  /**
   * Whether {@code s} is already as {@link #clean} leaves it, as all text read back from the
   * store is: one cheap scan (String.contains is vectorized), where rebuilding the text cost
   * half of reading a page of papers.
   */
  private static boolean isClean(String s) {
    int n = s.length();
    if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ' || s.contains("  ")) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      // Below ' ' are the ASCII whitespace characters; above 0x7f the others (no-break space…).
      if (c < ' ' || (c > 0x7f && isSpace(c))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00a0';
  }

  private static List<String> cleanList(List<String> values) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      String c = clean(v);
      if (c != null) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

}
