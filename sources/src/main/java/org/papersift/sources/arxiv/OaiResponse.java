package org.papersift.sources.arxiv;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * One parsed OAI-PMH response, before the client decides what its errors mean.
 *
 * @param errors the {@code <error>} elements; OAI-PMH allows several
 * @param resumptionToken null when absent or empty (an empty token marks the last page)
 */
record OaiResponse(Instant responseDate, List<OaiError> errors, List<OaiRecord> records,
    List<OaiHeader> deleted, List<RejectedRecord> rejected, String resumptionToken,
    Long completeListSize, Long cursor) {

  record OaiError(String code, String message) {}

  static OaiResponse parse(URI url, byte[] body) {
    XmlElement root;
    try {
      root = Xml.parse(body);
    } catch (XMLStreamException e) {
      throw new ArxivException("malformed XML in OAI-PMH response from " + url + ": "
          + e.getMessage(), e);
    }
    if (!root.name().equals("OAI-PMH")) {
      throw new ArxivException("expected an OAI-PMH document from " + url + " but the root"
          + " element is <" + root.name() + ">");
    }
    Instant responseDate = parseResponseDate(url, root.childText("responseDate"));
    List<OaiError> errors = root.children("error").stream()
        .map(e -> new OaiError(e.attribute("code"), e.text() == null ? "" : e.text().strip()))
        .toList();
    List<OaiRecord> records = new ArrayList<>();
    List<OaiHeader> deleted = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    String token = null;
    Long size = null;
    Long cursor = null;
    for (XmlElement verb : root.children()) {
      if (!verb.name().equals("ListRecords") && !verb.name().equals("GetRecord")) {
        continue;
      }
      for (XmlElement record : verb.children("record")) {
        readRecord(record, records, deleted, rejected);
      }
      XmlElement t = verb.child("resumptionToken");
      if (t != null) {
        token = t.text() == null || t.text().isBlank() ? null : t.text().strip();
        size = parseLong(t.attribute("completeListSize"));
        cursor = parseLong(t.attribute("cursor"));
      }
    }
    return new OaiResponse(responseDate, errors, records, deleted, rejected, token, size, cursor);
  }

  private static void readRecord(XmlElement record, List<OaiRecord> records,
      List<OaiHeader> deleted, List<RejectedRecord> rejected) {
    OaiHeader header;
    try {
      header = OaiRecordMapper.header(record);
    } catch (IllegalArgumentException | DateTimeException e) {
      rejected.add(new RejectedRecord(identifierOf(record), "bad header: " + e.getMessage()));
      return;
    }
    if (header.deleted()) {
      deleted.add(header);
      return;
    }
    try {
      records.add(OaiRecordMapper.map(record, header));
    } catch (IllegalArgumentException | DateTimeException e) {
      String id = header.identifier() != null ? header.identifier() : identifierOf(record);
      rejected.add(new RejectedRecord(id, e.getMessage()));
    }
  }

  private static String identifierOf(XmlElement record) {
    XmlElement h = record.child("header");
    String id = h == null ? null : h.childText("identifier");
    return id == null || id.isBlank() ? "(no identifier)" : id.strip();
  }

  private static Instant parseResponseDate(URI url, String text) {
    if (text == null || text.isBlank()) {
      throw new ArxivException("OAI-PMH response from " + url + " has no <responseDate>");
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeException e) {
      throw new ArxivException("OAI-PMH response from " + url + " has an unreadable"
          + " <responseDate> " + text.strip(), e);
    }
  }

  private static Long parseLong(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return null; // informational only; a bad count must not fail the page
    }
  }
}
