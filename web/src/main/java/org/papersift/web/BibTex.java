package org.papersift.web;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.papersift.core.paper.Paper;
import org.papersift.web.view.Urls;

/**
 * A paper as a BibTeX entry: {@code @article} when it has a journal reference, {@code @misc}
 * otherwise (the form arXiv itself suggests for preprints). Field values are TeX-escaped, so an
 * entry never breaks the .bib file it is pasted into, whatever the title holds.
 *
 * <p>The key is stable: the first author's family name, the year and the first significant word
 * of the title ({@code vaswani2017attention}), ASCII only. Different papers can share a key; a
 * file of many entries should make them unique, e.g. with {@link #format(Paper, String)} and a
 * suffix.
 */
public final class BibTex {
  private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "on", "of", "in", "for",
      "and", "to", "with", "at", "by", "from", "is", "are", "via", "towards", "toward");

  private BibTex() {}

  public static String format(Paper p) {
    return format(p, key(p));
  }

  public static String format(Paper p, String key) {
    boolean article = p.journalRef() != null;
    boolean arxiv = Urls.isArxiv(p.id());
    StringBuilder out = new StringBuilder(512);
    out.append(article ? "@article{" : "@misc{").append(key).append(",\n");
    field(out, "title", "{" + escape(p.title()) + "}");
    if (!p.authors().isEmpty()) {
      field(out, "author", String.join(" and ", p.authors().stream().map(BibTex::escape)
          .toList()));
    }
    if (article) {
      field(out, "journal", escape(p.journalRef()));
    }
    Integer year = year(p);
    if (year != null) {
      field(out, "year", year.toString());
    }
    if (arxiv) {
      field(out, "eprint", verbatim(p.id()));
      field(out, "archivePrefix", "arXiv");
      if (p.primaryCategory() != null) {
        field(out, "primaryClass", escape(p.primaryCategory()));
      }
    }
    if (p.doi() != null) {
      field(out, "doi", verbatim(p.doi()));
    }
    if (arxiv) {
      field(out, "url", verbatim(Urls.arxivAbs(p.id())));
    } else if (p.doi() != null) {
      field(out, "url", verbatim(Urls.doi(p.doi())));
    }
    // Remove the comma after the last field.
    out.setLength(out.length() - 2);
    out.append("\n}\n");
    return out.toString();
  }

  /** {@code lovelace1843sketch}: family name, year, first significant title word; ASCII. */
  public static String key(Paper p) {
    String name = p.authors().isEmpty() ? "" : familyName(p.authors().get(0));
    String who = ascii(name);
    Integer year = year(p);
    String word = "";
    for (String w : p.title().split("[\\s\\-–—:/]+")) {
      String a = ascii(w);
      if (a.length() >= 2 && !STOP_WORDS.contains(a)) {
        word = a;
        break;
      }
    }
    return (who.isEmpty() ? "anon" : who) + (year == null ? "" : year) + word;
  }

  /** Escapes the ten TeX special characters and drops control characters. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\textbackslash{}");
        case '{', '}', '$', '&', '#', '_', '%' -> out.append('\\').append(c);
        case '^' -> out.append("\\textasciicircum{}");
        case '~' -> out.append("\\textasciitilde{}");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * For fields that styles print verbatim (doi, eprint, url), where {@code \_} would show its
   * backslash: the characters are kept but braces and backslashes, which could end the field
   * early, are dropped, as are control characters.
   */
  static String verbatim(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '{' && c != '}' && c != '\\' && !Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append("  ").append(name).append(" = {").append(value).append("},\n");
  }

  private static Integer year(Paper p) {
    if (p.published() != null) {
      return p.published().getYear();
    }
    return p.updated() == null ? null : p.updated().getYear();
  }

  /** "Ada Lovelace" → Lovelace; "Lovelace, Ada" → Lovelace; "Ludwig van Beethoven" → Beethoven. */
  private static String familyName(String author) {
    int comma = author.indexOf(',');
    if (comma > 0) {
      return author.substring(0, comma).strip();
    }
    List<String> parts = List.of(author.strip().split("\\s+"));
    // Skip suffixes such as "Jr." so "Martin Luther King Jr." gives King.
    for (int i = parts.size() - 1; i >= 0; i--) {
      String w = parts.get(i).replace(".", "").toLowerCase(Locale.ROOT);
      if (!Set.of("jr", "sr", "ii", "iii", "iv").contains(w) || i == 0) {
        return parts.get(i);
      }
    }
    return author;
  }

  /** Lower-case ASCII letters and digits only: accents dropped (é → e), the rest removed. */
  private static String ascii(String s) {
    String folded = Normalizer.normalize(s, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = Character.toLowerCase(folded.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
