/**
 * Personal recommendations: a per-user linear model over paper vectors ({@link
 * org.papersift.core.recommend.Recommender} trains a {@link org.papersift.core.recommend.UserModel}
 * from the user's papers against sampled others) and the nearest-centroid baseline. Pure: callers
 * bring the vectors.
 */
package org.papersift.core.recommend;
