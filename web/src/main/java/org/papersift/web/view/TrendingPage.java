package org.papersift.web.view;

/** Papers by trending score, and how the score is computed in words. */
public record TrendingPage(String formula, Listing listing) {}
