/**
 * Personal recommendations over an open data directory: {@link
 * org.papersift.app.recommend.Recommendations} trains each reader's model from their library and
 * upvotes (core.recommend) on the stored vectors, keeps it while those do not change, and ranks
 * the index's nearest papers to it. Used by the "For you" page and the digest.
 */
package org.papersift.app.recommend;
