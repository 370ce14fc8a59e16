package org.papersift.app.embed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.papersift.core.paper.Paper;
import org.papersift.search.VectorLookup;
import org.papersift.store.PaperStore;

/** The index's view of the store's vector cache: only vectors of the paper's current text. */
public record StoredVectors(PaperStore store, String model, int maxTokens)
    implements VectorLookup {
  @Override
  public Map<String, float[]> vectorsFor(List<Paper> papers) {
    Map<String, PaperStore.StoredVector> cached =
        store.vectors(model, papers.stream().map(Paper::id).toList());
    Map<String, float[]> out = new HashMap<>();
    for (Paper p : papers) {
      PaperStore.StoredVector v = cached.get(p.id());
      if (v != null && v.textHash().equals(EmbeddingText.hash(p, maxTokens))) {
        out.put(p.id(), v.vector());
      }
    }
    return out;
  }
}
