package org.papersift.web.view;

/**
 * What following a confirm or unsubscribe link came to.
 *
 * @param heading the page's h1
 * @param ok whether the link did (or, for the unsubscribe question, can do) what it is for
 * @param message the outcome in words
 * @param action where the page's one button posts (confirm or unsubscribe); null for no button
 * @param button the button's label
 * @param explanation a sentence under the button
 */
public record LinkPage(String heading, boolean ok, String message, String action, String button,
    String explanation) {
  /** A page that only reports an outcome. */
  public static LinkPage outcome(String heading, boolean ok, String message) {
    return new LinkPage(heading, ok, message, null, null, null);
  }
}
