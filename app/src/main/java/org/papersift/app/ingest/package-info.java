/** Loading papers: a producer (files, a BEIR corpus) feeds the store in batches while the index follows. */
package org.papersift.app.ingest;
