package org.papersift.sources.arxiv;

import java.net.URI;

/**
 * The Atom API answered with its error feed (an entry whose id points to
 * {@code arxiv.org/api/errors}), e.g. "incorrect id format for abc". Retrying will not help; the
 * query must change.
 */
public class ArxivApiException extends ArxivException {
  private final String apiMessage;
  private final URI url;

  public ArxivApiException(String apiMessage, URI url) {
    super("arXiv API error for " + url + ": " + apiMessage);
    this.apiMessage = apiMessage;
    this.url = url;
  }

  /** arXiv's own explanation, the error entry's summary. */
  public String apiMessage() {
    return apiMessage;
  }

  public URI url() {
    return url;
  }
}
