package org.papersift.sources.arxiv;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;

/**
 * Reads an arXiv Atom API feed. Elements are looked up by name, not position, because the 2016
 * layout put arxiv:doi, links and categories in a different order than today's and declared the
 * arxiv and opensearch namespaces on each element instead of the feed.
 */
final class AtomFeedParser {
  private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

  private AtomFeedParser() {}

  /**
   * @throws ArxivApiException for arXiv's error feed
   * @throws ArxivException for malformed XML or a document that is not an Atom feed
   */
  static AtomPage parse(URI url, byte[] body, int pageNumber) {
    XmlElement feed;
    try {
      feed = Xml.parse(body);
    } catch (XMLStreamException e) {
      throw new ArxivException("malformed XML in Atom response from " + url + ": "
          + e.getMessage(), e);
    }
    if (!feed.name().equals("feed") || !feed.namespace().equals(ATOM_NS)) {
      throw new ArxivException("expected an Atom feed from " + url + " but the root element is <"
          + feed.name() + "> in namespace '" + feed.namespace() + "'");
    }
    List<XmlElement> entryElements = feed.children("entry");
    for (XmlElement e : entryElements) {
      if (isError(e)) {
        String text = Paper.clean(e.childText("summary"));
        throw new ArxivApiException(text == null ? e.childText("id").strip() : text, url);
      }
    }
    List<AtomEntry> entries = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    for (XmlElement e : entryElements) {
      try {
        entries.add(entry(e));
      } catch (IllegalArgumentException | DateTimeException ex) {
        String id = e.childText("id");
        rejected.add(new RejectedRecord(id == null ? "(no id)" : id.strip(), ex.getMessage()));
      }
    }
    Instant feedUpdated;
    try {
      feedUpdated = instant(feed.childText("updated"));
    } catch (DateTimeException ex) {
      feedUpdated = null; // feed metadata only; the entries are what matter
    }
    return new AtomPage(pageNumber, number(feed.childText("totalResults")),
        (int) number(feed.childText("startIndex")), (int) number(feed.childText("itemsPerPage")),
        feedUpdated, entries, rejected);
  }

  // arXiv reports errors as a feed with one entry whose id points into its error docs,
  // e.g. https://arxiv.org/api/errors#incorrect_id_format_for_abc.
  private static boolean isError(XmlElement entry) {
    String id = entry.childText("id");
    return id != null && id.contains("arxiv.org/api/errors");
  }

  private static AtomEntry entry(XmlElement e) {
    PaperId id = PaperId.parse(e.childText("id"));
    List<Author> authors = new ArrayList<>();
    for (XmlElement a : e.children("author")) {
      String name = Paper.clean(a.childText("name"));
      if (name != null) {
        authors.add(new Author(name, a.children("affiliation").stream()
            .map(x -> Paper.clean(x.text())).filter(s -> s != null).toList()));
      }
    }
    List<String> categories = new ArrayList<>();
    XmlElement primary = e.child("primary_category");
    if (primary != null && primary.attribute("term") != null) {
      categories.add(primary.attribute("term"));
    }
    for (XmlElement c : e.children("category")) {
      if (c.attribute("term") != null) {
        categories.add(c.attribute("term"));
      }
    }
    List<Link> links = new ArrayList<>();
    for (XmlElement l : e.children("link")) {
      String href = l.attribute("href");
      if (href != null && !href.isBlank()) {
        links.add(new Link(l.attribute("rel"), href.strip(), l.attribute("type"),
            l.attribute("title")));
      }
    }
    List<String> dois = OaiRecordMapper.splitDois(e.childText("doi"));
    Instant published = instant(e.childText("published"));
    Instant updated = instant(e.childText("updated"));
    Paper paper = new Paper(id.id(), id.version(), e.childText("title"), e.childText("summary"),
        authors.stream().map(Author::name).toList(), categories, utcDate(published),
        utcDate(updated), e.childText("comment"), e.childText("journal_ref"),
        dois.isEmpty() ? null : dois.get(0), null, links);
    return new AtomEntry(paper, authors, dois, published, updated);
  }

  private static Instant instant(String s) {
    return s == null || s.isBlank() ? null : OffsetDateTime.parse(s.strip()).toInstant();
  }

  private static LocalDate utcDate(Instant i) {
    return i == null ? null : LocalDate.ofInstant(i, ZoneOffset.UTC);
  }

  private static long number(String s) {
    if (s == null || s.isBlank()) {
      return -1;
    }
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
