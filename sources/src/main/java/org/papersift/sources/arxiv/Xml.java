package org.papersift.sources.arxiv;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads a response body into an {@link XmlElement} tree with StAX. */
final class Xml {
  private Xml() {}

  /**
   * Parses the whole document. DTDs and external entities are off: responses come over the
   * network and must not make us fetch or expand anything.
   */
  static XmlElement parse(byte[] body) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
    try {
      Deque<Builder> open = new ArrayDeque<>();
      XmlElement root = null;
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> open.push(Builder.from(r));
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!open.isEmpty()) {
              open.peek().text.append(r.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            XmlElement done = open.pop().build();
            if (open.isEmpty()) {
              root = done;
            } else {
              open.peek().children.add(done);
            }
          }
          default -> { }
        }
      }
      if (root == null) {
        throw new XMLStreamException("document has no root element");
      }
      return root;
    } finally {
      r.close();
    }
  }

  private static final class Builder {
    private final String namespace;
    private final String name;
    private final Map<String, String> attributes;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlElement> children = new ArrayList<>();

    private Builder(String namespace, String name, Map<String, String> attributes) {
      this.namespace = namespace;
      this.name = name;
      this.attributes = attributes;
    }

    static Builder from(XMLStreamReader r) {
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = 0; i < r.getAttributeCount(); i++) {
        attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
      }
      String ns = r.getNamespaceURI();
      return new Builder(ns == null ? "" : ns, r.getLocalName(), Map.copyOf(attributes));
    }

    XmlElement build() {
      String t = text.isEmpty() ? null : text.toString();
      return new XmlElement(namespace, name, attributes, t, List.copyOf(children));
    }
  }
}
