package org.papersift.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Change;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;

/** Background indexing: order per paper, waiting, failures. */
class IndexingLanesTest {
  @TempDir Path dir;

  @Test
  void tasksOfOneLaneRunInOrderAndDrainWaitsForAll() throws Exception {
    IndexingLanes lanes = new IndexingLanes(2, "test-lane");
    List<Integer> ran = new CopyOnWriteArrayList<>();
    AtomicInteger other = new AtomicInteger();
    for (int i = 0; i < 40; i++) {
      int n = i;
      lanes.submit(0, () -> {
        sleep(n % 3);
        ran.add(n);
      });
      lanes.submit(1, () -> {
        sleep(1);
        other.incrementAndGet();
      });
    }
    lanes.drain();
    assertThat(ran).hasSize(40).isSorted();
    assertThat(other).hasValue(40);
    assertThat(lanes.laneOf("2501.00001")).isEqualTo(lanes.laneOf("2501.00001"))
        .isBetween(0, 1);
    lanes.stop();
  }

  @Test
  void aFailureIsThrownOnceByTheNextDrainOrSubmit() throws Exception {
    IndexingLanes lanes = new IndexingLanes(2, "test-lane");
    lanes.submit(1, () -> {
      throw new IndexException("disk full", null);
    });
    assertThatThrownBy(lanes::drain).hasMessage("disk full");
    lanes.drain(); // reported once; the lanes still work
    lanes.submit(0, () -> {
      throw new IllegalStateException("broken");
    });
    AtomicInteger after = new AtomicInteger();
    Thread.sleep(50);
    assertThatThrownBy(() -> lanes.submit(0, after::incrementAndGet)).hasMessage("broken");
    lanes.drain();
    assertThat(after).as("the refused task did not run").hasValue(0);
    lanes.stop();
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
