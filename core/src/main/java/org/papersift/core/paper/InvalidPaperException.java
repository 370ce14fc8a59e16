package org.papersift.core.paper;

/** A record that cannot become a {@link Paper}; the message says which field and why. */
public class InvalidPaperException extends IllegalArgumentException {
  public InvalidPaperException(String message) {
    super(message);
  }
}
