package org.papersift.web.view;

/**
 * What following a confirm or unsubscribe link came to.
 *
 * @param heading the page's h1
 * @param ok whether the link did (or, for the unsubscribe question, can do) what it is for
 * @param message the outcome in words
 * @param unsubscribeAction where the "Unsubscribe" button posts; null when there is no button
 */
public record LinkPage(String heading, boolean ok, String message, String unsubscribeAction) {}
