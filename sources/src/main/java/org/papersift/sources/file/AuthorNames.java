package org.papersift.sources.file;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits arXiv's one-line author lists ("A. Smith, B. Jones and C. Wu") into names. */
public final class AuthorNames {
  private static final Pattern SEPARATORS = Pattern.compile("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+");
  // "(1) and (2)" affiliation markers and "(MIT)" notes that arXiv lets submitters append.
  private static final Pattern PARENTHESES = Pattern.compile("\\([^()]*\\)");

  private AuthorNames() {}

  public static List<String> split(String line) {
    List<String> names = new ArrayList<>();
    if (line == null) {
      return names;
    }
    String cleaned = line;
    String previous;
    do {
      previous = cleaned;
      cleaned = PARENTHESES.matcher(cleaned).replaceAll(" ");
    } while (!cleaned.equals(previous));
    for (String part : SEPARATORS.split(cleaned.replace('\n', ' '))) {
      String name = part.strip().replaceAll("\\s+", " ");
      if (name.isEmpty() || name.equalsIgnoreCase("et al.") || name.equalsIgnoreCase("et al")) {
        continue;
      }
      // "Jr." and "III" belong to the previous name: "King, Jr." -> "King Jr."
      if (!names.isEmpty() && name.matches("(?i)(jr\\.?|sr\\.?|ii|iii|iv)")) {
        names.set(names.size() - 1, names.get(names.size() - 1) + " " + name);
        continue;
      }
      names.add(name);
    }
    return names;
  }
}
