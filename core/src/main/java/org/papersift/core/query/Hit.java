package org.papersift.core.query;

/** One ranked result: the paper's id, its title for display, and the ranking score. */
public record Hit(String id, String title, float score) {}
