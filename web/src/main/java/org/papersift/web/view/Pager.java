package org.papersift.web.view;

/**
 * Previous/next links of a paged list; a link is null where there is no such page.
 *
 * @param page 1-based number of this page
 * @param pages how many pages there are (at least 1)
 */
public record Pager(int page, int pages, String previousUrl, String nextUrl) {
  public boolean shown() {
    return previousUrl != null || nextUrl != null;
  }
}
