package org.papersift.sources.arxiv;

import java.net.URI;

/**
 * The OAI-PMH server answered with an {@code <error>} element (badResumptionToken,
 * idDoesNotExist, badArgument, ...). {@code noRecordsMatch} never becomes one of these: for a
 * harvest it just means there is nothing new.
 */
public class OaiPmhException extends ArxivException {
  private final String code;
  private final URI url;

  public OaiPmhException(String code, String serverMessage, URI url) {
    super("OAI-PMH error " + code + " from " + url + ": " + serverMessage);
    this.code = code;
    this.url = url;
  }

  /** The OAI-PMH error code, e.g. {@code badResumptionToken}. */
  public String code() {
    return code;
  }

  public URI url() {
    return url;
  }
}
