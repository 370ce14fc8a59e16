package org.papersift.core.query;

/** A query that cannot be run; the message says what was wrong and how to write it instead. */
public class InvalidQueryException extends IllegalArgumentException {
  public InvalidQueryException(String message) {
    super(message);
  }
}
