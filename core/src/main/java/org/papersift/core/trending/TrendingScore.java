package org.papersift.core.trending;

/** A paper's trending score and the number of votes inside the window that made it. */
public record TrendingScore(String paperId, double score, int votes) {}
