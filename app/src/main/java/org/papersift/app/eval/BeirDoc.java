package org.papersift.app.eval;

import java.util.Objects;

/**
 * One corpus document of a BEIR collection. A missing title is read as the empty string, which is
 * how BEIR itself treats it; {@code metadata} is not kept because nothing downstream uses it.
 */
public record BeirDoc(String id, String title, String text) {
  public BeirDoc {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
  }
}
