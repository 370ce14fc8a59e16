package org.papersift.sources.arxiv;

/**
 * The outcome of a paged Atom API search.
 *
 * @param totalResults as the first page reported it, or -1 if it did not
 * @param pages pages delivered to the callback; empty pages are not delivered
 */
public record AtomSearchSummary(long totalResults, int pages, int entries, int rejected) {}
