package org.papersift.search;

import java.util.List;
import java.util.function.LongConsumer;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.ChangeFeed;

/**
 * Brings the index up to the store: reads changes after the index's applied sequence, applies
 * them, and commits every {@code commitEvery} papers and at the end of {@link #catchUp}, each
 * commit carrying the sequence it reflects. Killed at any point, the next run starts from the last
 * commit and re-applies at most {@code commitEvery} papers, which is harmless (updates are by id).
 * Changes go to the index's indexing threads in the background ({@link
 * PaperIndex#applyInBackground}), so the next batch is read while they index; a commit waits for
 * them. One follower per index; not thread-safe.
 */
public final class IndexFollower {
  private static final int BATCH = 2_000;
  private final ChangeFeed feed;
  private final PaperIndex index;
  private final int commitEvery;
  private final VectorLookup vectors;
  private long sinceCommit;
  /** Whether this follower rebuilt the index from scratch and has not merged it yet. */
  private boolean rebuilt;

  public IndexFollower(ChangeFeed feed, PaperIndex index, VectorLookup vectors, int commitEvery) {
    this.feed = feed;
    this.index = index;
    this.vectors = vectors;
    this.commitEvery = commitEvery;
  }

  public IndexFollower(ChangeFeed feed, PaperIndex index, VectorLookup vectors) {
    this(feed, index, vectors, 50_000);
  }

  public IndexFollower(ChangeFeed feed, PaperIndex index) {
    this(feed, index, VectorLookup.NONE);
  }

  /**
   * Applies everything the store has now and commits; returns how many changes were applied.
   * After a rebuild the index is merged into one segment, as 'papersift optimize' does after a
   * bulk load: rebuilt with the default buffer, the 75k sample with vectors came out in 13
   * segments, and every search pays per segment (an HNSW graph each).
   */
  public long catchUp(LongConsumer progress) {
    long applied = applyAvailable(progress);
    if (sinceCommit > 0) {
      index.commit();
      sinceCommit = 0;
    }
    if (rebuilt) {
      rebuilt = false;
      index.optimize(1);
    }
    return applied;
  }

  public long catchUp() {
    return catchUp(n -> { });
  }

  /**
   * Applies changes this process just made to the store, without reading them back, when they
   * follow on from what the index has; otherwise (another writer came between) reads the store.
   * Changes the index already has are skipped.
   */
  public void applyKnown(List<Change> changes, LongConsumer progress) {
    if (!index.writable() || changes.isEmpty()) {
      return;
    }
    long next = index.appliedSeq() + 1;
    if (!index.outdated() && changes.get(0).seq() == next && isConsecutive(changes)) {
      index.applyInBackground(changes, vectors);
      sinceCommit += changes.size();
      if (sinceCommit >= commitEvery) {
        index.commit();
        sinceCommit = 0;
      }
      progress.accept(changes.size());
    } else if (index.outdated() || changes.get(changes.size() - 1).seq() >= next) {
      applyAvailable(progress);
    }
  }

  private static boolean isConsecutive(List<Change> changes) {
    for (int i = 1; i < changes.size(); i++) {
      if (changes.get(i).seq() != changes.get(i - 1).seq() + 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies what the store has now, committing only every {@code commitEvery} papers: for a
   * writer that calls often while an ingest runs, where a commit per call would be slow.
   */
  public long applyAvailable(LongConsumer progress) {
    if (!index.writable()) {
      return 0;
    }
    long applied = 0;
    if (index.appliedSeq() > feed.lastSeq() || index.outdated()) {
      // The index claims changes the store never made (the store was replaced), or an older
      // papersift wrote it in another layout. Rebuild.
      index.reset();
      sinceCommit++;
      rebuilt = true;
    }
    while (true) {
      List<Change> changes = feed.changesAfter(index.appliedSeq(), BATCH);
      if (changes.isEmpty()) {
        return applied;
      }
      index.applyInBackground(changes, vectors);
      applied += changes.size();
      sinceCommit += changes.size();
      if (sinceCommit >= commitEvery) {
        index.commit();
        sinceCommit = 0;
      }
      progress.accept(applied);
    }
  }
}
