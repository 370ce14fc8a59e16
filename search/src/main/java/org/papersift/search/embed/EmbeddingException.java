package org.papersift.search.embed;

/** A model could not be loaded or run; the cause says why. */
public class EmbeddingException extends RuntimeException {
  public EmbeddingException(String message, Throwable cause) {
    super(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
  }

  public EmbeddingException(String message) {
    super(message);
  }
}
