/**
 * The Lucene index: BM25 over title and abstract with English analysis, filters on category,
 * author and date, derived from the store by following its change sequence (recorded in every
 * Lucene commit), so a crash at any point resumes and the index always returns to the store.
 */
package org.papersift.search;
