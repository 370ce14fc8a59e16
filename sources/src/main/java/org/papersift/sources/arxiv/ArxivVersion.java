package org.papersift.sources.arxiv;

import java.time.Instant;

/**
 * One entry of an arXivRaw version history.
 *
 * @param size as arXiv writes it, e.g. "853kb"; null when absent
 * @param sourceType arXiv's one-letter source code (D, ...); null when absent
 */
public record ArxivVersion(int number, Instant submitted, String size, String sourceType) {}
