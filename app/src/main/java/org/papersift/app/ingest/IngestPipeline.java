package org.papersift.app.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.papersift.app.Papersift;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.Paper;
import org.papersift.search.IndexFollower;
import org.papersift.sources.file.RecordSink;
import org.papersift.store.PaperStore;

/**
 * Runs one ingest on three threads: the producer parses records, the calling thread stores them
 * in batches of {@value #BATCH} (one transaction each), and an indexer thread applies each
 * batch's changes to the index as they are committed (reading the store instead whenever another
 * writer came between). A batch is committed before the next is read, so a kill loses at most the
 * batch in flight, and the rerun finds the rest unchanged; the index resumes from its last commit.
 */
public final class IngestPipeline {
  static final int BATCH = 1_000;
  private static final List<Paper> END_OF_PAPERS = List.of();
  private static final List<Change> END_OF_CHANGES = List.of();

  private final Papersift app;
  private final Rejections onReject;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong added = new AtomicLong();
  private final AtomicLong updated = new AtomicLong();
  private final AtomicLong unchanged = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong indexed = new AtomicLong();

  /** Told about each rejected record, from the producer thread: where ("file:line") and why. */
  public interface Rejections {
    void reject(String where, String reason);
  }

  public IngestPipeline(Papersift app, Rejections onReject) {
    this.app = app;
    this.onReject = onReject;
  }

  public long read() {
    return read.get();
  }

  public long stored() {
    return added.get() + updated.get() + unchanged.get();
  }

  public long indexed() {
    return indexed.get();
  }

  /**
   * Runs {@code producer}, which sends every record it reads to the sink it is given and returns
   * file-level errors (a truncated file) as messages.
   */
  public IngestTotals run(Function<RecordSink, List<String>> producer) {
    long start = System.nanoTime();
    BlockingQueue<List<Paper>> papers = new ArrayBlockingQueue<>(8);
    BlockingQueue<List<Change>> changes = new ArrayBlockingQueue<>(8);
    List<String> fileErrors = new ArrayList<>();
    RuntimeException[] failures = new RuntimeException[2];
    Thread storer = Thread.currentThread();
    Thread reader = Thread.ofPlatform().name("ingest-reader").start(() -> {
      Batcher batcher = new Batcher(batch -> handOver(papers, batch, storer));
      try {
        fileErrors.addAll(producer.apply(batcher));
        batcher.flush();
      } catch (RuntimeException e) {
        failures[0] = e;
      } finally {
        try {
          handOver(papers, END_OF_PAPERS, storer);
        } catch (IllegalStateException stoppedByStorer) {
          // the storer failed and interrupted us; its failure is the one reported
        }
      }
    });
    Thread indexer = Thread.ofPlatform().name("ingest-indexer").start(() -> {
      IndexFollower follower = new IndexFollower(app.store(), app.index(), app.vectors());
      try {
        while (true) {
          List<Change> batch = changes.take();
          if (batch == END_OF_CHANGES) {
            break;
          }
          follower.applyKnown(batch, indexed::addAndGet);
        }
        // Whatever other writers added meanwhile, and the final commit.
        follower.catchUp(indexed::addAndGet);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        failures[1] = e;
        changes.clear();
      }
    });
    RuntimeException storeFailure = null;
    PaperStore store = app.store();
    try {
      while (true) {
        List<Paper> batch = papers.take();
        if (batch == END_OF_PAPERS) {
          break;
        }
        PaperStore.BatchResult r = store.upsertAll(batch);
        added.addAndGet(r.added());
        updated.addAndGet(r.updated());
        unchanged.addAndGet(r.unchanged());
        if (!r.changes().isEmpty()) {
          handOver(changes, r.changes(), indexer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      storeFailure = new IllegalStateException("ingest interrupted");
    } catch (RuntimeException e) {
      storeFailure = e;
    } finally {
      if (storeFailure != null) {
        reader.interrupt();
        papers.clear();
      }
      join(reader);
      handOver(changes, END_OF_CHANGES, indexer);
      join(indexer);
    }
    for (RuntimeException e : new RuntimeException[] {storeFailure, failures[0], failures[1]}) {
      if (e != null) {
        throw e;
      }
    }
    app.index().refresh();
    return new IngestTotals(read.get(), added.get(), updated.get(), unchanged.get(),
        rejected.get(), fileErrors, indexed.get(), Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Waits for room in the queue as long as its consumer lives; returns false (dropping the item)
   * only once the consumer has ended, which happens only when it failed, and that failure is
   * what gets reported.
   */
  private static <T> boolean handOver(BlockingQueue<T> queue, T item, Thread consumer) {
    try {
      while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
        if (!consumer.isAlive()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ingest interrupted", e);
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Collects accepted papers into batches; counts what it sees. Producer thread only. */
  private final class Batcher implements RecordSink {
    private final Consumer<List<Paper>> out;
    private List<Paper> batch = new ArrayList<>(BATCH);

    Batcher(Consumer<List<Paper>> out) {
      this.out = out;
    }

    @Override
    public void accept(Paper paper, String where) {
      read.incrementAndGet();
      batch.add(paper);
      if (batch.size() >= BATCH) {
        flush();
      }
    }

    @Override
    public void reject(String where, String reason) {
      read.incrementAndGet();
      rejected.incrementAndGet();
      onReject.reject(where, reason);
    }

    void flush() {
      if (!batch.isEmpty()) {
        out.accept(batch);
        batch = new ArrayList<>(BATCH);
      }
    }
  }
}
