package org.papersift.app.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.papersift.core.paper.Change;
import org.papersift.search.embed.Embedder;
import org.papersift.store.PaperStore;

/**
 * Embeds what changed in the store since the last run, {@value #BATCH} papers at a time: vectors
 * and the position reached are committed together, so a kill loses at most one batch of work and
 * nothing is embedded twice. Papers whose text did not change keep their cached vector. One
 * follower per model at a time; not thread-safe (the embedder uses every core itself).
 */
public final class EmbeddingFollower {
  static final int BATCH = 64;
  private final PaperStore store;
  private final Embedder embedder;
  private final String stateName;

  public EmbeddingFollower(PaperStore store, Embedder embedder) {
    this.store = store;
    this.embedder = embedder;
    this.stateName = "embed:" + embedder.modelId() + ":" + embedder.maxTokens();
  }

  /** Changes the embedder has seen (its position in the change sequence). */
  public long position() {
    return store.jobState(stateName).map(Long::parseLong).orElse(0L);
  }

  /** Embeds everything pending; returns how many papers got a new vector. */
  public long catchUp(LongConsumer progress) {
    long embedded = 0;
    long position = position();
    while (!Thread.currentThread().isInterrupted()) {
      List<Change> changes = store.changesAfter(position, BATCH);
      if (changes.isEmpty()) {
        break;
      }
      Map<String, PaperStore.StoredVector> cached = store.vectors(embedder.modelId(),
          changes.stream().map(c -> c.paper().id()).toList());
      List<Change> todo = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      for (Change c : changes) {
        String hash = EmbeddingText.hash(c.paper(), embedder.maxTokens());
        PaperStore.StoredVector v = cached.get(c.paper().id());
        if (v == null || !v.textHash().equals(hash)) {
          todo.add(c);
          hashes.add(hash);
        }
      }
      List<float[]> vectors = embedder.embedPassages(
          todo.stream().map(c -> EmbeddingText.of(c.paper())).toList());
      List<PaperStore.NewVector> rows = new ArrayList<>(todo.size());
      for (int i = 0; i < todo.size(); i++) {
        rows.add(new PaperStore.NewVector(todo.get(i).paper().id(), hashes.get(i),
            vectors.get(i)));
      }
      position = changes.get(changes.size() - 1).seq();
      store.saveVectors(embedder.modelId(), rows, stateName, position);
      embedded += rows.size();
      progress.accept(embedded);
    }
    return embedded;
  }

  /** Papers with a current-model vector, for status lines. */
  public long embeddedCount() {
    return store.vectorCount(embedder.modelId());
  }
}
