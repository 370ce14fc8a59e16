package org.papersift.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Change;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;

/** Background indexing: order per paper, waiting, failures. */
class IndexingThreadsTest {
  @TempDir Path dir;

  @Test
  void tasksNamingOnePaperRunInOrderAndDrainWaitsForAll() throws Exception {
    IndexingThreads threads = new IndexingThreads(3, "test-index");
    List<Integer> ran = new CopyOnWriteArrayList<>();
    AtomicInteger others = new AtomicInteger();
    for (int i = 0; i < 40; i++) {
      int n = i;
      threads.submit(List.of("2501.00001", "other" + n), () -> {
        sleep(n % 3);
        ran.add(n);
      });
      threads.submit(List.of("free" + n), () -> {
        sleep(1);
        others.incrementAndGet();
      });
    }
    threads.drain();
    assertThat(ran).hasSize(40).isSorted();
    assertThat(others).hasValue(40);
    threads.stop();
  }

  @Test
  void whileOneThreadIsBusyAnotherTakesTheNextTask() throws Exception {
    IndexingThreads threads = new IndexingThreads(2, "test-index");
    CountDownLatch second = new CountDownLatch(1);
    AtomicBoolean sawSecond = new AtomicBoolean();
    threads.submit(List.of("a"), () -> {
      try {
        // a thread writing a segment: the next task must not wait for it
        sawSecond.set(second.await(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    threads.submit(List.of("b"), second::countDown);
    threads.drain();
    assertThat(sawSecond).isTrue();
    threads.stop();
  }

  @Test
  void aFailureIsThrownOnceByTheNextDrainOrSubmit() throws Exception {
    IndexingThreads threads = new IndexingThreads(2, "test-index");
    threads.submit(List.of("a"), () -> {
      throw new IndexException("disk full", null);
    });
    assertThatThrownBy(threads::drain).hasMessage("disk full");
    threads.drain(); // reported once; the threads still work
    threads.submit(List.of("a"), () -> {
      throw new IllegalStateException("broken");
    });
    AtomicInteger after = new AtomicInteger();
    Thread.sleep(50);
    assertThatThrownBy(() -> threads.submit(List.of("b"), after::incrementAndGet))
        .hasMessage("broken");
    threads.drain();
    assertThat(after).as("the refused task did not run").hasValue(0);
    threads.stop();
  }

  @Test
  void manyChangesOfTheSamePapersInFlightEndAsTheLastChange() {
    List<Change> all = new ArrayList<>();
    long seq = 0;
    for (int round = 1; round <= 30; round++) {
      for (int p = 0; p < 50; p++) {
        all.add(new Change(++seq, PaperIndexTest.paper(String.format("2501.%05d", p),
            "Graph models round" + round, "Abstract.", List.of("Ada Lovelace"),
            List.of("cs.LG"), "2025-01-10")));
      }
    }
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      // batches of 300 cover six rounds each: every paper changes several times in one batch and
      // in many batches queued at once
      for (int i = 0; i < all.size(); i += 300) {
        index.applyInBackground(all.subList(i, i + 300), VectorLookup.NONE);
      }
      assertThat(index.appliedSeq()).isEqualTo(seq);
      index.commit();
      index.refresh();
      assertThat(index.count()).isEqualTo(50);
      assertThat(index.search(SearchQuery.of("round30", 100)).hits()).extracting(Hit::id)
          .hasSize(50);
      assertThat(index.search(SearchQuery.of("round29", 100)).hits()).isEmpty();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
