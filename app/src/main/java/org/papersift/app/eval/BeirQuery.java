package org.papersift.app.eval;

import java.util.Objects;

/** One query of a BEIR collection. */
public record BeirQuery(String id, String text) {
  public BeirQuery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
  }
}
