package org.papersift.sources.arxiv;

/**
 * The arXiv OAI-PMH metadata formats papersift reads. {@code arXiv} has structured author names;
 * {@code arXivRaw} has the version history (so the latest version number and its date) but authors
 * as one string.
 */
public enum MetadataFormat {
  ARXIV("arXiv"),
  ARXIV_RAW("arXivRaw");

  private final String prefix;

  MetadataFormat(String prefix) {
    this.prefix = prefix;
  }

  /** The {@code metadataPrefix} request value. */
  public String prefix() {
    return prefix;
  }

  /** Accepts the prefix in any case, e.g. from a command line. */
  public static MetadataFormat fromPrefix(String prefix) {
    for (MetadataFormat f : values()) {
      if (f.prefix.equalsIgnoreCase(prefix)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown metadataPrefix " + prefix
        + "; expected arXiv or arXivRaw");
  }
}
