package org.papersift.web.view;

import java.util.List;

/**
 * One page of papers as a listing shows it.
 *
 * @param total how many papers the whole list has
 * @param offset how many come before this page (the first item is number offset + 1)
 * @param returnUrl where the vote and save forms send the reader back to (this page)
 */
public record Listing(List<PaperItem> items, long total, int offset, Pager pager,
    String returnUrl) {
  public Listing {
    items = List.copyOf(items);
  }

  public int first() {
    return offset + 1;
  }

  public int last() {
    return offset + items.size();
  }
}
