package org.papersift.web;

import java.util.List;

/** One page of a longer list: the items from {@code offset}, and how many there are in all. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean hasNext() {
    return offset + items.size() < total;
  }

  public boolean hasPrevious() {
    return offset > 0;
  }
}
