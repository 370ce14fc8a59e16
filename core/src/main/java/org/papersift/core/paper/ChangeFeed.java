package org.papersift.core.paper;

import java.util.List;

/**
 * The store's change log as derived data sees it: every insert or change of a paper has a number,
 * and a follower (the search index) asks for what came after the last number it applied.
 */
public interface ChangeFeed {
  /** Up to {@code limit} changes after {@code afterSeq}, oldest first; a paper appears once, at its newest number. */
  List<Change> changesAfter(long afterSeq, int limit);

  /** The newest change number, 0 when nothing was ever stored. */
  long lastSeq();

  /** How many papers the store holds. */
  long count();
}
