/**
 * Clients for arXiv's two metadata services, both producing {@link org.papersift.core.paper.Paper}
 * records: {@link org.papersift.sources.arxiv.OaiPmhClient} for bulk and incremental harvests
 * (OAI-PMH, formats arXiv and arXivRaw) and {@link org.papersift.sources.arxiv.AtomApiClient} for
 * searches and id lookups (the Atom query API). Both deliver results page by page to a callback so
 * the caller can store as it goes, and both send every request through one
 * {@link org.papersift.sources.arxiv.PoliteHttp}, which keeps to arXiv's rules for automated
 * access: one request at a time, a pause between requests, Retry-After obeyed.
 */
package org.papersift.sources.arxiv;
