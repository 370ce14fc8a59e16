package org.papersift.sources.arxiv;

/**
 * Talking to arXiv failed: the server kept refusing, the response was not what the protocol
 * promises, or the API reported an error. The message names the URL so a log line is enough to
 * reproduce the request.
 */
public class ArxivException extends RuntimeException {
  public ArxivException(String message) {
    super(message);
  }

  public ArxivException(String message, Throwable cause) {
    super(message, cause);
  }
}
