package org.papersift.core.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search: free text and filters. Categories are alternatives (any of them matches; "cs" matches
 * every cs.* category), authors must all match, dates are inclusive.
 *
 * @param text the words to rank by; empty means "every paper that passes the filters, newest first"
 */
public record SearchQuery(
    String text, List<String> categories, List<String> authors, LocalDate from, LocalDate to,
    int limit) {

  public static final int MAX_LIMIT = 1_000;
  public static final int MAX_TEXT_CHARS = 20_000;

  // cat:cs.CL  author:smith  author:"Ada Lovelace"  from:2025-01-01  to:2025-12-31
  // date:2025-03-01..2025-03-31  (a token of these forms anywhere in the text is a filter)
  private static final Pattern FILTER = Pattern.compile(
      "(?<=^|[\\s(])(cat|category|author|from|to|date):(\"[^\"]*\"|[^\\s\"]+)",
      Pattern.CASE_INSENSITIVE);

  public SearchQuery {
    text = text == null ? "" : text.strip();
    if (text.length() > MAX_TEXT_CHARS) {
      throw new InvalidQueryException("query has " + text.length() + " characters, at most "
          + MAX_TEXT_CHARS + " are accepted");
    }
    categories = List.copyOf(categories == null ? List.of() : categories);
    authors = List.copyOf(authors == null ? List.of() : authors);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidQueryException("date range is empty: from " + from + " is after to " + to);
    }
  }

  public static SearchQuery of(String text, int limit) {
    return new SearchQuery(text, List.of(), List.of(), null, null, limit);
  }

  /** Pulls the filter tokens out of {@code raw}; what is left is the text. */
  public static SearchQuery parse(String raw, int limit) {
    String input = raw == null ? "" : raw;
    List<String> cats = new ArrayList<>();
    List<String> authors = new ArrayList<>();
    LocalDate from = null;
    LocalDate to = null;
    StringBuilder rest = new StringBuilder();
    Matcher m = FILTER.matcher(input);
    int last = 0;
    while (m.find()) {
      rest.append(input, last, m.start()).append(' ');
      last = m.end();
      String key = m.group(1).toLowerCase(Locale.ROOT);
      String value = unquote(m.group(2));
      if (value.isBlank()) {
        throw new InvalidQueryException(key + ": needs a value, e.g. " + example(key));
      }
      switch (key) {
        case "cat", "category" -> cats.add(value);
        case "author" -> authors.add(value);
        case "from" -> from = date(key, value);
        case "to" -> to = date(key, value);
        case "date" -> {
          int dots = value.indexOf("..");
          String a = dots < 0 ? value : value.substring(0, dots);
          String b = dots < 0 ? value : value.substring(dots + 2);
          from = a.isEmpty() ? null : date("from", a);
          to = b.isEmpty() ? null : date("to", b);
        }
        default -> throw new IllegalStateException(key);
      }
    }
    rest.append(input.substring(last));
    return new SearchQuery(rest.toString().replaceAll("\\s+", " "), cats, authors, from, to, limit);
  }

  public SearchQuery withLimit(int newLimit) {
    return new SearchQuery(text, categories, authors, from, to, newLimit);
  }

  public SearchQuery withFilters(List<String> cats, List<String> moreAuthors, LocalDate newFrom,
      LocalDate newTo) {
    List<String> c = new ArrayList<>(categories);
    c.addAll(cats);
    List<String> a = new ArrayList<>(authors);
    a.addAll(moreAuthors);
    return new SearchQuery(text, c, a, newFrom != null ? newFrom : from, newTo != null ? newTo : to,
        limit);
  }

  public boolean hasFilters() {
    return !categories.isEmpty() || !authors.isEmpty() || from != null || to != null;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1).strip() : v;
  }

  private static LocalDate date(String key, String value) {
    try {
      if (value.matches("\\d{4}")) {
        return key.equals("to") ? LocalDate.of(Integer.parseInt(value), 12, 31)
            : LocalDate.of(Integer.parseInt(value), 1, 1);
      }
      if (value.matches("\\d{4}-\\d{2}")) {
        LocalDate first = LocalDate.parse(value + "-01");
        return key.equals("to") ? first.plusMonths(1).minusDays(1) : first;
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidQueryException(key + ": expected a date like 2025-03-18, 2025-03 or 2025,"
          + " got \"" + value + "\"");
    }
  }

  private static String example(String key) {
    return switch (key) {
      case "cat", "category" -> "cat:cs.CL";
      case "author" -> "author:\"Ada Lovelace\"";
      case "date" -> "date:2025-03-01..2025-03-31";
      default -> key + ":2025-03-18";
    };
  }
}
