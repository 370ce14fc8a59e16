package org.papersift.sources.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.papersift.core.paper.InvalidPaperException;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;
import org.papersift.sources.arxiv.RawAuthorList;

/**
 * Maps one JSON object to a {@link Paper}. Two layouts, told apart per record:
 * <ul>
 *   <li>papersift JSONL: id, title, abstract, authors[], categories[], published, comment
 *       (optionally updated, doi, journal_ref, license, version); only id and title required.
 *   <li>arXiv metadata snapshot: id, submitter, authors (one string), title, comments,
 *       journal-ref, doi, categories (space separated), license, abstract, versions[],
 *       update_date, authors_parsed[[last, first, suffix]].
 * </ul>
 * Throws {@link InvalidPaperException} naming the field for anything it cannot use.
 */
final class JsonPaperMapper {
  private JsonPaperMapper() {}

  static Paper map(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidPaperException("expected a JSON object, got " + kind(node));
    }
    boolean snapshot = node.has("versions") || node.has("authors_parsed")
        || node.has("update_date") || node.has("submitter");
    PaperId pid = PaperId.parse(text(node, "id"));
    String title = text(node, "title");
    if (title == null || title.isBlank()) {
      throw new InvalidPaperException("paper " + pid + ": title is missing");
    }
    return snapshot ? mapSnapshot(node, pid, title) : mapJsonl(node, pid, title);
  }

  private static Paper mapJsonl(JsonNode n, PaperId pid, String title) {
    int version = n.has("version") ? intValue(n, "version") : pid.version();
    return new Paper(pid.id(), version, title, text(n, "abstract"), names(n, "authors"),
        categories(n), date(n, "published"), date(n, "updated"), text(n, "comment"),
        firstText(n, "journal_ref", "journal-ref"), text(n, "doi"), text(n, "license"),
        arxivLinks(pid));
  }

  private static Paper mapSnapshot(JsonNode n, PaperId pid, String title) {
    int version = pid.version();
    LocalDate firstVersion = null;
    LocalDate lastVersion = null;
    JsonNode versions = n.get("versions");
    if (versions != null && !versions.isNull()) {
      if (!versions.isArray()) {
        throw new InvalidPaperException("versions: expected an array, got " + kind(versions));
      }
      for (JsonNode v : versions) {
        String label = v.path("version").asText("");
        if (label.matches("v\\d{1,6}")) {
          version = Math.max(version, Integer.parseInt(label.substring(1)));
        }
        LocalDate created = rfc1123(v.path("created").asText(null));
        if (created != null) {
          firstVersion = firstVersion == null || created.isBefore(firstVersion) ? created : firstVersion;
          lastVersion = lastVersion == null || created.isAfter(lastVersion) ? created : lastVersion;
        }
      }
    }
    LocalDate updated = date(n, "update_date");
    List<String> authors = parsedAuthors(n);
    if (authors.isEmpty()) {
      authors = names(n, "authors");
    }
    return new Paper(pid.id(), version, title, text(n, "abstract"), authors, categories(n),
        firstVersion, updated != null ? updated : lastVersion, text(n, "comments"),
        text(n, "journal-ref"), text(n, "doi"), text(n, "license"), arxivLinks(pid));
  }

  private static List<Link> arxivLinks(PaperId pid) {
    if (!pid.isArxiv()) {
      return List.of();
    }
    return List.of(
        new Link("alternate", "https://arxiv.org/abs/" + pid.id(), "text/html", null),
        new Link("related", "https://arxiv.org/pdf/" + pid.id(), "application/pdf", "pdf"));
  }

  /** authors_parsed: [[last, first, suffix], ...] -> "first last suffix". */
  private static List<String> parsedAuthors(JsonNode n) {
    JsonNode parsed = n.get("authors_parsed");
    List<String> out = new ArrayList<>();
    if (parsed == null || !parsed.isArray()) {
      return out;
    }
    for (JsonNode a : parsed) {
      if (!a.isArray() || a.isEmpty()) {
        continue;
      }
      String last = a.path(0).asText("").strip();
      String first = a.path(1).asText("").strip();
      String suffix = a.path(2).asText("").strip();
      String name = String.join(" ", List.of(first, last, suffix).stream()
          .filter(s -> !s.isEmpty()).toList());
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  private static List<String> names(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (v.isTextual()) {
      return RawAuthorList.names(v.asText());
    }
    return stringArray(v, field);
  }

  private static List<String> categories(JsonNode n) {
    JsonNode v = n.get("categories");
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (v.isTextual()) {
      return List.of(v.asText().trim().split("\\s+"));
    }
    return stringArray(v, "categories");
  }

  private static List<String> stringArray(JsonNode v, String field) {
    if (!v.isArray()) {
      throw new InvalidPaperException(field + ": expected an array of strings, got " + kind(v));
    }
    List<String> out = new ArrayList<>(v.size());
    for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
      JsonNode e = it.next();
      if (!e.isTextual()) {
        throw new InvalidPaperException(field + ": expected strings, found " + kind(e));
      }
      out.add(e.asText());
    }
    return out;
  }

  private static String firstText(JsonNode n, String a, String b) {
    String v = text(n, a);
    return v != null ? v : text(n, b);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isNumber() && field.equals("id")) {
      return v.asText();
    }
    throw new InvalidPaperException(field + ": expected a string, got " + kind(v));
  }

  private static int intValue(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v.canConvertToInt()) {
      return v.asInt();
    }
    if (v.isTextual() && v.asText().matches("v?\\d{1,6}")) {
      return Integer.parseInt(v.asText().replace("v", ""));
    }
    throw new InvalidPaperException(field + ": expected a version number, got " + v);
  }

  private static LocalDate date(JsonNode n, String field) {
    String s = text(n, field);
    if (s == null || s.isBlank()) {
      return null;
    }
    String day = s.strip();
    if (day.length() > 10 && day.charAt(10) == 'T') {
      day = day.substring(0, 10);
    }
    try {
      return LocalDate.parse(day);
    } catch (DateTimeParseException e) {
      throw new InvalidPaperException(field + ": expected a date like 2025-03-18, got \""
          + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"");
    }
  }

  private static LocalDate rfc1123(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(s.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new InvalidPaperException("versions.created: expected a date like"
          + " \"Mon, 2 Apr 2007 19:18:42 GMT\", got \"" + s + "\"");
    }
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case STRING -> "a string";
      default -> v.getNodeType().name().toLowerCase();
    };
  }
}
