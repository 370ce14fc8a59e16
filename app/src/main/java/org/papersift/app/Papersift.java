package org.papersift.app;

import java.util.function.LongConsumer;
import org.papersift.search.IndexFollower;
import org.papersift.search.PaperIndex;
import org.papersift.search.Ranking;
import org.papersift.store.Database;
import org.papersift.store.PaperStore;

/**
 * An open data directory: the store and the index built from it. Owns both; close it once.
 * Thread-safe as its parts are.
 */
public final class Papersift implements AutoCloseable {
  private final DataDir dir;
  private final PaperStore store;
  private final PaperIndex index;

  private Papersift(DataDir dir, PaperStore store, PaperIndex index) {
    this.dir = dir;
    this.store = store;
    this.index = index;
  }

  public static Papersift open(DataDir dir, Ranking ranking) {
    PaperStore store = new PaperStore(Database.open(dir.database()));
    try {
      return new Papersift(dir, store, PaperIndex.open(dir.index(), ranking));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public static Papersift open(DataDir dir) {
    return open(dir, Ranking.DEFAULT);
  }

  public DataDir dir() {
    return dir;
  }

  public PaperStore store() {
    return store;
  }

  public PaperIndex index() {
    return index;
  }

  /** Brings the index up to the store; returns the number of papers (re)indexed. */
  public long catchUpIndex(LongConsumer progress) {
    long n = new IndexFollower(store, index).catchUp(progress);
    index.refresh();
    return n;
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      store.close();
    }
  }
}
