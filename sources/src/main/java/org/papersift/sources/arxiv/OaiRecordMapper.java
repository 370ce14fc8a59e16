package org.papersift.sources.arxiv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.papersift.core.paper.InvalidPaperException;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;

/**
 * Turns an OAI-PMH {@code <record>} in the arXiv or arXivRaw format into an {@link OaiRecord}.
 * Throws {@link InvalidPaperException} or a {@link java.time.DateTimeException} when a record
 * cannot be mapped; the caller reports it and goes on.
 */
final class OaiRecordMapper {
  private OaiRecordMapper() {}

  static OaiHeader header(XmlElement record) {
    XmlElement h = record.child("header");
    if (h == null) {
      throw new InvalidPaperException("record has no <header>");
    }
    String datestamp = h.childText("datestamp");
    List<String> sets = h.children("setSpec").stream().map(XmlElement::text).toList();
    return new OaiHeader(strip(h.childText("identifier")), parseDatestamp(datestamp), sets,
        "deleted".equals(h.attribute("status")));
  }

  /** Maps a record whose header is not deleted. */
  static OaiRecord map(XmlElement record, OaiHeader header) {
    XmlElement metadata = record.child("metadata");
    if (metadata == null || metadata.children().isEmpty()) {
      throw new InvalidPaperException("record has no <metadata>");
    }
    XmlElement m = metadata.children().get(0);
    return switch (m.name()) {
      case "arXiv" -> fromArxiv(header, m);
      case "arXivRaw" -> fromArxivRaw(header, m);
      default -> throw new InvalidPaperException("unsupported metadata format <" + m.name()
          + "> in namespace " + m.namespace());
    };
  }

  private static OaiRecord fromArxiv(OaiHeader header, XmlElement m) {
    PaperId id = paperId(header, m);
    List<Author> authors = new ArrayList<>();
    XmlElement list = m.child("authors");
    if (list != null) {
      for (XmlElement a : list.children("author")) {
        String name = joinNonBlank(a.childText("forenames"), a.childText("keyname"),
            a.childText("suffix"));
        if (name != null) {
          List<String> affiliations = a.children("affiliation").stream()
              .map(e -> Paper.clean(e.text())).filter(s -> s != null).toList();
          authors.add(new Author(name, affiliations));
        }
      }
    }
    LocalDate created = parseDate(m.childText("created"));
    LocalDate updated = parseDate(m.childText("updated"));
    // Without <updated> the paper has only its first version, so that is also the latest.
    LocalDate latest = updated != null ? updated : created;
    // The arXiv format does not say which version is current, so the version stays unknown (0).
    return build(header, m, id.id(), 0, authors, created, latest, List.of());
  }

  private static OaiRecord fromArxivRaw(OaiHeader header, XmlElement m) {
    PaperId id = paperId(header, m);
    List<ArxivVersion> versions = new ArrayList<>();
    for (XmlElement v : m.children("version")) {
      versions.add(new ArxivVersion(versionNumber(v.attribute("version")),
          parseRfc1123(v.childText("date")), strip(v.childText("size")),
          strip(v.childText("source_type"))));
    }
    ArxivVersion first = versions.stream()
        .min(Comparator.comparingInt(ArxivVersion::number)).orElse(null);
    ArxivVersion latest = versions.stream()
        .max(Comparator.comparingInt(ArxivVersion::number)).orElse(null);
    List<Author> authors = RawAuthorList.parse(m.childText("authors"));
    return build(header, m, id.id(), latest == null ? 0 : latest.number(), authors,
        first == null ? null : utcDate(first.submitted()),
        latest == null ? null : utcDate(latest.submitted()), versions);
  }

  private static OaiRecord build(OaiHeader header, XmlElement m, String id, int version,
      List<Author> authors, LocalDate published, LocalDate updated, List<ArxivVersion> versions) {
    List<String> dois = splitDois(m.childText("doi"));
    List<String> categories = splitWords(m.childText("categories"));
    Paper paper = new Paper(id, version, m.childText("title"), m.childText("abstract"),
        authors.stream().map(Author::name).toList(), categories, published, updated,
        m.childText("comments"), m.childText("journal-ref"), dois.isEmpty() ? null : dois.get(0),
        m.childText("license"), links(id, dois));
    ArxivDetails details = new ArxivDetails(Paper.clean(m.childText("submitter")),
        Paper.clean(m.childText("proxy")), Paper.clean(m.childText("report-no")),
        Paper.clean(m.childText("msc-class")), Paper.clean(m.childText("acm-class")), dois,
        versions, authors);
    return new OaiRecord(header, paper, details);
  }

  /** The same links the Atom API gives, without a version so they follow the latest one. */
  static List<Link> links(String id, List<String> dois) {
    List<Link> links = new ArrayList<>();
    links.add(new Link("alternate", "https://arxiv.org/abs/" + id, "text/html", null));
    links.add(new Link("related", "https://arxiv.org/pdf/" + id, "application/pdf", "pdf"));
    for (String doi : dois) {
      links.add(new Link("related", "https://doi.org/" + doi, null, "doi"));
    }
    return links;
  }

  private static PaperId paperId(OaiHeader header, XmlElement m) {
    String raw = strip(m.childText("id"));
    return PaperId.parse(raw != null ? raw : header.identifier());
  }

  /** arXiv puts several DOIs (article, erratum) into one field separated by spaces. */
  static List<String> splitDois(String field) {
    return splitWords(field).stream()
        .map(d -> d.replaceAll("[,;]+$", ""))
        .filter(d -> !d.isEmpty())
        .toList();
  }

  static List<String> splitWords(String field) {
    String s = Paper.clean(field);
    return s == null ? List.of() : Arrays.asList(s.split(" "));
  }

  private static int versionNumber(String attribute) {
    String v = strip(attribute);
    if (v == null || !v.matches("[vV]\\d{1,6}")) {
      throw new InvalidPaperException("version attribute " + attribute + " is not like v2");
    }
    return Integer.parseInt(v.substring(1));
  }

  private static LocalDate parseDatestamp(String s) {
    String t = strip(s);
    if (t == null) {
      return null;
    }
    // OAI allows day or seconds granularity; arXiv uses days.
    return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
  }

  private static LocalDate parseDate(String s) {
    String t = strip(s);
    return t == null ? null : LocalDate.parse(t);
  }

  private static Instant parseRfc1123(String s) {
    String t = strip(s);
    return t == null ? null
        : ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  private static LocalDate utcDate(Instant instant) {
    return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String joinNonBlank(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      String c = Paper.clean(p);
      if (c != null) {
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        sb.append(c);
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  private static String strip(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
