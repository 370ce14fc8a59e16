package org.papersift.web.view;

/** The papers of one author, newest first. */
public record AuthorPage(String name, Listing listing, String feedUrl) {}
