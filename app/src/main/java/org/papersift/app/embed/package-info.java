/**
 * Semantic search's derived data: the embedder follows the store's change sequence, caches each
 * paper's vector in the store (keyed by paper and model, with the hash of the embedded text), and
 * renumbers the paper so the index picks the vector up.
 */
package org.papersift.app.embed;
