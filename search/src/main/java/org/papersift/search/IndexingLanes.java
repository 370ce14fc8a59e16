package org.papersift.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Indexing threads, one per core, each with its own queue of tasks run in the order given. A
 * paper always goes to the same lane (by its id), so two changes of one paper are applied in
 * order, while the lanes never wait for each other: when one lane is busy writing a segment, the
 * other keeps indexing its queue. (Splitting each batch across threads and waiting for all of it
 * left a core idle whenever one half took longer, which it did at every segment flush.)
 *
 * <p>Failures are kept and thrown by the next {@link #submit} or {@link #drain}. Thread-safe.
 */
final class IndexingLanes {
  /** Tasks queued per lane before {@link #submit} waits: a few batches, to ride out a flush. */
  private static final int QUEUE_DEPTH = 16;
  private static final Runnable STOP = () -> { };

  private final List<BlockingQueue<Runnable>> queues = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Object lock = new Object();
  private int pending;
  private RuntimeException failure;

  IndexingLanes(int lanes, String name) {
    for (int i = 0; i < lanes; i++) {
      BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_DEPTH);
      queues.add(queue);
      threads.add(Thread.ofPlatform().daemon().name(name + "-" + (i + 1))
          .start(() -> work(queue)));
    }
  }

  int lanes() {
    return queues.size();
  }

  /** The lane of a paper: the same for every change of it. */
  int laneOf(String id) {
    return Math.floorMod(id.hashCode(), queues.size());
  }

  /** Queues {@code task} on {@code lane}, waiting while that lane's queue is full. */
  void submit(int lane, Runnable task) throws InterruptedException {
    synchronized (lock) {
      throwFailure();
      pending++;
    }
    try {
      queues.get(lane).put(task);
    } catch (InterruptedException e) {
      done(null);
      throw e;
    }
  }

  /** Waits until every task submitted so far has run; throws the first failure among them. */
  void drain() throws InterruptedException {
    synchronized (lock) {
      while (pending > 0) {
        lock.wait();
      }
      throwFailure();
    }
  }

  /** Stops the threads once their queues are done; does not wait. */
  void stop() {
    for (BlockingQueue<Runnable> queue : queues) {
      queue.clear();
      if (!queue.offer(STOP)) {
        // cleared just now, so only a racing submit can fill it: the interrupt ends the thread
        threads.get(queues.indexOf(queue)).interrupt();
      }
    }
  }

  private void throwFailure() {
    if (failure != null) {
      RuntimeException f = failure;
      failure = null;
      throw f;
    }
  }

  private void work(BlockingQueue<Runnable> queue) {
    while (true) {
      Runnable task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (task == STOP) {
        return;
      }
      RuntimeException failed = null;
      try {
        task.run();
      } catch (RuntimeException e) {
        failed = e;
      } catch (Error e) {
        failed = new IndexException("indexing failed: " + e, e);
      }
      done(failed);
    }
  }

  private void done(RuntimeException failed) {
    synchronized (lock) {
      pending--;
      if (failed != null && failure == null) {
        failure = failed;
      }
      lock.notifyAll();
    }
  }
}
