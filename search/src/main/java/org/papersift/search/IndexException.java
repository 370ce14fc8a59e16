package org.papersift.search;

/** The search index could not be read or written; the cause says why. */
public class IndexException extends RuntimeException {
  public IndexException(String message, Throwable cause) {
    super(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
  }
}
