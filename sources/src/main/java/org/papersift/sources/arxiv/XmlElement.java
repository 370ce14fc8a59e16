package org.papersift.sources.arxiv;

import java.util.List;
import java.util.Map;

/**
 * One parsed element: local name, attributes by local name, its own text and its children. The
 * responses are small enough (an OAI page is a few megabytes) to hold as a tree, and a tree lets
 * the mappers ignore element order, which differs between the 2016 and current Atom layouts.
 *
 * @param text the element's own character data, concatenated; null when there is none
 */
record XmlElement(String namespace, String name, Map<String, String> attributes, String text,
    List<XmlElement> children) {

  XmlElement child(String localName) {
    for (XmlElement c : children) {
      if (c.name.equals(localName)) {
        return c;
      }
    }
    return null;
  }

  List<XmlElement> children(String localName) {
    return children.stream().filter(c -> c.name.equals(localName)).toList();
  }

  /** Text of the first child with that name, or null. */
  String childText(String localName) {
    XmlElement c = child(localName);
    return c == null ? null : c.text;
  }

  String attribute(String localName) {
    return attributes.get(localName);
  }
}
