package org.papersift.sources.arxiv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.papersift.core.paper.Paper;

/**
 * Splits the free-text author string of arXivRaw ("A, B and C", "A, B, and C") into authors.
 * Submitters also write affiliations in parentheses, either inline ("A (MIT), B (CERN)") or as
 * numbers with a legend at the end ("A (1), B (2) ((1) MIT, (2) CERN)"); commas inside
 * parentheses do not separate authors, and the parenthesised text becomes affiliations.
 */
public final class RawAuthorList {
  private static final Pattern ET_AL = Pattern.compile("(?i)et\\.? al\\.?");
  private static final Pattern SUFFIX = Pattern.compile("(?i)(jr|sr|ii|iii|iv)\\.?");
  private static final Pattern REFERENCES = Pattern.compile("\\d+(\\s*(,|and)\\s*\\d+)*");
  private static final Pattern LEGEND_MARK = Pattern.compile("\\((\\d+)\\)");

  private RawAuthorList() {}

  /** The author names alone, in order: for sources that keep no affiliations. */
  public static List<String> names(String raw) {
    return parse(raw).stream().map(Author::name).toList();
  }

  static List<Author> parse(String raw) {
    String text = Paper.clean(raw);
    if (text == null) {
      return List.of();
    }
    List<Piece> pieces = split(text);
    Map<String, String> legend = new HashMap<>();
    for (Piece p : pieces) {
      for (String group : p.groups) {
        if (LEGEND_MARK.matcher(group).lookingAt()) {
          legend.putAll(readLegend(group));
        }
      }
    }
    List<Author> authors = new ArrayList<>();
    for (Piece p : pieces) {
      if (p.name.isEmpty() || ET_AL.matcher(p.name).matches()) {
        continue;
      }
      if (SUFFIX.matcher(p.name).matches() && !authors.isEmpty()) {
        // "John Smith, Jr." is one author, not two.
        Author last = authors.remove(authors.size() - 1);
        authors.add(new Author(last.name() + " " + p.name, last.affiliations()));
        continue;
      }
      authors.add(new Author(p.name, affiliations(p.groups, legend)));
    }
    return List.copyOf(authors);
  }

  private record Piece(String name, List<String> groups) {}

  /** Cuts at commas and at the word "and", but never inside parentheses. */
  private static List<Piece> split(String text) {
    List<Piece> pieces = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    StringBuilder group = new StringBuilder();
    List<String> groups = new ArrayList<>();
    int depth = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '(') {
        if (depth > 0) {
          group.append(c);
        }
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
        if (depth == 0) {
          groups.add(group.toString().strip());
          group.setLength(0);
        } else {
          group.append(c);
        }
      } else if (depth > 0) {
        group.append(c);
      } else if (c == ',' || isAndAt(text, i)) {
        pieces.add(piece(name, groups));
        name.setLength(0);
        groups = new ArrayList<>();
        i += c == ',' ? 1 : 3;
        continue;
      } else {
        name.append(c);
      }
      i++;
    }
    if (depth > 0) {
      groups.add(group.toString().strip()); // unbalanced: keep what was written
    }
    pieces.add(piece(name, groups));
    return pieces;
  }

  private static boolean isAndAt(String text, int i) {
    return text.startsWith("and", i)
        && (i == 0 || text.charAt(i - 1) == ' ')
        && (i + 3 == text.length() || text.charAt(i + 3) == ' ');
  }

  private static Piece piece(StringBuilder name, List<String> groups) {
    String n = Paper.clean(name.toString());
    return new Piece(n == null ? "" : n, List.copyOf(groups));
  }

  private static Map<String, String> readLegend(String group) {
    Map<String, String> legend = new LinkedHashMap<>();
    Matcher m = LEGEND_MARK.matcher(group);
    String number = null;
    int textStart = 0;
    while (m.find()) {
      if (number != null) {
        legend.put(number, trimSeparators(group.substring(textStart, m.start())));
      }
      number = m.group(1);
      textStart = m.end();
    }
    if (number != null) {
      legend.put(number, trimSeparators(group.substring(textStart)));
    }
    return legend;
  }

  private static List<String> affiliations(List<String> groups, Map<String, String> legend) {
    List<String> out = new ArrayList<>();
    for (String g : groups) {
      if (g.isEmpty() || LEGEND_MARK.matcher(g).lookingAt()) {
        continue;
      }
      if (REFERENCES.matcher(g).matches()) {
        for (String ref : g.split("\\s*(,|and)\\s*")) {
          String affiliation = legend.get(ref);
          if (affiliation != null && !affiliation.isEmpty()) {
            out.add(affiliation);
          }
        }
      } else {
        out.add(g);
      }
    }
    return out;
  }

  private static String trimSeparators(String s) {
    return s.strip().replaceAll("[,;\\s]+$", "");
  }
}
