package org.papersift.search;

import java.util.List;
import java.util.Map;
import org.papersift.core.paper.Paper;

/**
 * Where the index finds each paper's embedding when it indexes the paper: the store's vector
 * cache. Papers without a current vector are indexed for keywords only and come back with their
 * vector once it is computed (the embedder renumbers them).
 */
public interface VectorLookup {
  /** The current vectors of {@code papers}, by id; papers without one are left out. */
  Map<String, float[]> vectorsFor(List<Paper> papers);

  /** No semantic search: keyword fields only. */
  VectorLookup NONE = papers -> Map.of();
}
