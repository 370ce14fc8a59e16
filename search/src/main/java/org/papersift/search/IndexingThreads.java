package org.papersift.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Indexing threads, one per core, taking tasks from one queue: whichever thread is free takes
 * the next task, so while one writes a segment (seconds, at every flush) the others go on
 * indexing. Each task names the papers it writes; a task naming a paper that an earlier task still
 * has in hand waits until the earlier ones are done, which keeps two changes of one paper in
 * order. (Splitting each batch across threads and waiting for all of it left a core idle whenever
 * one thread was flushing.)
 *
 * <p>Failures are kept and thrown by the next {@link #submit} or {@link #drain}. Thread-safe.
 */
final class IndexingThreads {
  /** Tasks queued before {@link #submit} waits: a few batches, to ride out a flush. */
  private static final int QUEUE_DEPTH = 32;
  private static final Task STOP = new Task(List.of(), () -> { });

  private record Task(Collection<String> ids, Runnable work) {}

  private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_DEPTH);
  private final List<Thread> threads = new ArrayList<>();
  private final Object lock = new Object();
  /** Papers named by tasks queued or running, and by how many of them. Guarded by lock. */
  private final Map<String, Integer> inHand = new HashMap<>();
  private int pending;
  private RuntimeException failure;

  IndexingThreads(int threads, String name) {
    for (int i = 0; i < threads; i++) {
      this.threads.add(Thread.ofPlatform().daemon().name(name + "-" + (i + 1))
          .start(this::work));
    }
  }

  int threads() {
    return threads.size();
  }

  /**
   * Queues {@code work}, which writes the papers {@code ids}; waits first for the tasks that have
   * any of them in hand, and while the queue is full.
   */
  void submit(Collection<String> ids, Runnable work) throws InterruptedException {
    synchronized (lock) {
      throwFailure();
      while (anyInHand(ids)) {
        lock.wait();
      }
      throwFailure();
      for (String id : ids) {
        inHand.merge(id, 1, Integer::sum);
      }
      pending++;
    }
    Task task = new Task(ids, work);
    try {
      queue.put(task);
    } catch (InterruptedException e) {
      done(task, null);
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

  /** Stops the threads once the tasks already queued are done; does not wait. */
  void stop() {
    queue.clear();
    for (Thread t : threads) {
      if (!queue.offer(STOP)) {
        t.interrupt();
      }
    }
  }

  private boolean anyInHand(Collection<String> ids) {
    if (inHand.isEmpty()) {
      return false;
    }
    for (String id : ids) {
      if (inHand.containsKey(id)) {
        return true;
      }
    }
    return false;
  }

  private void throwFailure() {
    if (failure != null) {
      RuntimeException f = failure;
      failure = null;
      throw f;
    }
  }

  private void work() {
    while (true) {
      Task task;
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
        task.work().run();
      } catch (RuntimeException e) {
        failed = e;
      } catch (Error e) {
        failed = new IndexException("indexing failed: " + e, e);
      }
      done(task, failed);
    }
  }

  private void done(Task task, RuntimeException failed) {
    synchronized (lock) {
      for (String id : task.ids()) {
        inHand.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
      }
      pending--;
      if (failed != null && failure == null) {
        failure = failed;
      }
      lock.notifyAll();
    }
  }
}
