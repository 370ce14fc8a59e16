package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;

class PaperStoreTest {
  @TempDir Path dir;
  PaperStore store;

  @BeforeEach
  void open() {
    store = new PaperStore(Database.open(dir.resolve("papersift.db")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Paper paper(String id, int version, String title) {
    return new Paper(id, version, title, "An abstract.", List.of("Ada Lovelace", "Alan Turing"),
        List.of("cs.LG", "stat.ML"), LocalDate.of(2025, 3, 18), null, "12 pages", null,
        "10.1000/xyz", null, List.of(Link.of("alternate", "https://arxiv.org/abs/" + id)));
  }

  @Test
  void roundTripsEveryField() {
    Paper p = paper("2503.01234", 2, "Attention");
    assertThat(store.upsert(p)).isEqualTo(UpsertOutcome.NEW);
    assertThat(store.find("2503.01234")).contains(p);
    assertThat(store.find("2503.99999")).isEmpty();
  }

  @Test
  void findAllKeepsTheOrderAskedLeavesOutMissingIdsAndReadsLongListsInChunks() {
    List<Paper> papers = new ArrayList<>();
    for (int i = 1; i <= 1_200; i++) {
      papers.add(paper(String.format("2503.%05d", i), 1, "Paper " + i));
    }
    store.upsertAll(papers);
    assertThat(store.findAll(List.of("2503.00003", "2503.99999", "2503.00001", "2503.00003"))
        .keySet()).containsExactly("2503.00003", "2503.00001");
    List<String> backwards = new ArrayList<>(papers.stream().map(Paper::id).toList());
    Collections.reverse(backwards);
    Map<String, Paper> all = store.findAll(backwards);
    assertThat(all.keySet()).containsExactlyElementsOf(backwards);
    assertThat(all.get("2503.00007")).isEqualTo(papers.get(6));
    assertThat(store.findAll(List.of())).isEmpty();
  }

  @Test
  void sameRecordTwiceChangesNothing() {
    Paper p = paper("2503.01234", 1, "Attention");
    store.upsert(p);
    long seq = store.lastSeq();
    assertThat(store.upsert(p)).isEqualTo(UpsertOutcome.UNCHANGED);
    assertThat(store.lastSeq()).isEqualTo(seq);
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void everyChangeBumpsTheSequence() {
    store.upsertAll(List.of(paper("2503.00001", 1, "A"), paper("2503.00002", 1, "B")));
    assertThat(store.lastSeq()).isEqualTo(2);
    assertThat(store.upsert(paper("2503.00001", 2, "A revised"))).isEqualTo(UpsertOutcome.UPDATED);
    assertThat(store.lastSeq()).isEqualTo(3);
    List<Change> changes = store.changesAfter(1, 10);
    assertThat(changes).extracting(Change::seq).containsExactly(2L, 3L);
    assertThat(changes.get(1).paper().title()).isEqualTo("A revised");
  }

  @Test
  void olderVersionNeverOverwritesNewer() {
    store.upsert(paper("2503.00001", 3, "Third"));
    assertThat(store.upsert(paper("2503.00001", 1, "First"))).isEqualTo(UpsertOutcome.UNCHANGED);
    assertThat(store.find("2503.00001").orElseThrow().title()).isEqualTo("Third");
  }

  @Test
  void poorerSourceKeepsRicherFields() {
    store.upsert(paper("2503.00001", 1, "Title"));
    Paper bare = Paper.of("2503.00001", "Title");
    assertThat(store.upsert(bare)).isEqualTo(UpsertOutcome.UNCHANGED);
    assertThat(store.find("2503.00001").orElseThrow().doi()).isEqualTo("10.1000/xyz");
  }

  @Test
  void duplicateInOneBatchIsStoredOnce() {
    var r = store.upsertAll(List.of(paper("2503.00001", 1, "A"), paper("2503.00001", 1, "A")));
    assertThat(r.added()).isEqualTo(1);
    assertThat(r.unchanged()).isEqualTo(1);
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void jobStateIsKeptAcrossReopen() {
    store.saveJobState("harvest:arXiv:cs", "2026-11-20");
    store.saveJobState("harvest:arXiv:cs", "2026-11-21");
    store.close();
    store = new PaperStore(Database.open(dir.resolve("papersift.db")));
    assertThat(store.jobState("harvest:arXiv:cs")).contains("2026-11-21");
  }
}
