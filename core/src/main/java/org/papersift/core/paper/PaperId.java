package org.papersift.core.paper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paper id split from its version. arXiv ids come in the new form (2501.01234, 0704.0001) and the
 * old one (hep-th/9901001); sources spell them with "arXiv:" prefixes, abs/pdf URLs and "vN"
 * suffixes, all of which are stripped here so every source dedupes onto the same key.
 * Other ids (BEIR doc ids, ids of non-arXiv sources) are kept as given if they are safe tokens.
 *
 * @param version the arXiv version, or 0 when the source did not say
 */
public record PaperId(String id, int version) {
  private static final Pattern NEW_STYLE = Pattern.compile("(\\d{4}\\.\\d{4,5})(?:v(\\d+))?");
  private static final Pattern OLD_STYLE =
      Pattern.compile("([a-z][a-z\\-]*(?:\\.[A-Z]{2})?/\\d{7})(?:v(\\d+))?");
  private static final Pattern URL_PREFIX =
      Pattern.compile("^(?:https?://)?(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf|html)/",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern OTHER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/\\-]{0,199}");

  public PaperId {
    if (id == null || !OTHER.matcher(id).matches()) {
      throw new InvalidPaperException("id " + quote(id) + " is not a valid paper id");
    }
    if (version < 0) {
      throw new InvalidPaperException("id " + id + ": version must be >= 0, got " + version);
    }
  }

  /** Parses any spelling of an id; throws {@link InvalidPaperException} naming the input. */
  public static PaperId parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidPaperException("id is missing");
    }
    String s = raw.strip();
    s = URL_PREFIX.matcher(s).replaceFirst("");
    if (s.regionMatches(true, 0, "oai:arXiv.org:", 0, 14)) {
      s = s.substring(14);
    }
    if (s.regionMatches(true, 0, "arxiv:", 0, 6)) {
      s = s.substring(6);
    }
    if (s.endsWith(".pdf")) {
      s = s.substring(0, s.length() - 4);
    }
    Matcher m = NEW_STYLE.matcher(s);
    if (!m.matches()) {
      m = OLD_STYLE.matcher(s);
    }
    if (m.matches()) {
      return new PaperId(m.group(1), m.group(2) == null ? 0 : parseVersion(raw, m.group(2)));
    }
    if (!OTHER.matcher(s).matches()) {
      throw new InvalidPaperException("id " + quote(raw) + " is neither an arXiv id nor a plain"
          + " token of letters, digits and ._:/- (at most 200)");
    }
    return new PaperId(s, 0);
  }

  public boolean isArxiv() {
    return NEW_STYLE.matcher(id).matches() || OLD_STYLE.matcher(id).matches();
  }

  private static int parseVersion(String raw, String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new InvalidPaperException("id " + quote(raw) + ": version " + digits + " is too large");
    }
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return '"' + shown + '"';
  }

  @Override
  public String toString() {
    return version == 0 ? id : id + "v" + version;
  }
}
