package org.papersift.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.ChangeFeed;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;

class PaperIndexTest {
  @TempDir Path dir;

  /** An in-memory change log: the store's contract without SQLite. */
  static final class ListFeed implements ChangeFeed {
    final List<Change> changes = new ArrayList<>();

    void add(Paper p) {
      changes.removeIf(c -> c.paper().id().equals(p.id()));
      changes.add(new Change(lastSeqOrZero() + 1, p));
    }

    private long lastSeqOrZero() {
      return changes.stream().mapToLong(Change::seq).max().orElse(0);
    }

    @Override
    public List<Change> changesAfter(long afterSeq, int limit) {
      return changes.stream().filter(c -> c.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public long lastSeq() {
      return lastSeqOrZero();
    }

    @Override
    public long count() {
      return changes.size();
    }
  }

  static Paper paper(String id, String title, String abs, List<String> authors, List<String> cats,
      String day) {
    return new Paper(id, 1, title, abs, authors, cats, LocalDate.parse(day), null, null, null,
        null, null, List.of());
  }

  static ListFeed fixture() {
    ListFeed feed = new ListFeed();
    feed.add(paper("2501.00001", "Dense retrieval with learned sparse expansions",
        "We study retrieval of passages.", List.of("Ada Lovelace", "Alan Turing"),
        List.of("cs.IR", "cs.CL"), "2025-01-10"));
    feed.add(paper("2501.00002", "Protein folding at scale", "Structures of proteins.",
        List.of("Grace Hopper"), List.of("q-bio.BM"), "2025-02-10"));
    feed.add(paper("2501.00003", "Do Language Models Know When They Don't Know?",
        "Calibration of language models for retrieval.", List.of("Turing Ada", "Lovelace Bob"),
        List.of("cs.CL"), "2025-03-10"));
    return feed;
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(Hit::id).toList();
  }

  @Test
  void followsTheFeedAndResumesFromTheCommittedSequence() {
    ListFeed feed = fixture();
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(new IndexFollower(feed, index).catchUp()).isEqualTo(3);
      index.refresh();
      assertThat(index.count()).isEqualTo(3);
    }
    feed.add(paper("2501.00002", "Protein folding at scale, revised", "Structures.",
        List.of("Grace Hopper"), List.of("q-bio.BM"), "2025-02-10"));
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(index.appliedSeq()).isEqualTo(3);
      assertThat(new IndexFollower(feed, index).catchUp()).isEqualTo(1);
      index.refresh();
      assertThat(index.count()).isEqualTo(3);
      assertThat(index.search(SearchQuery.of("revised", 10)).hits())
          .extracting(Hit::id).containsExactly("2501.00002");
    }
  }

  @Test
  void uncommittedWorkIsRedoneAfterACrash() {
    ListFeed feed = fixture();
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      index.apply(feed.changesAfter(0, 10));
      // closed without commit, as a kill would leave it
    }
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(index.appliedSeq()).isZero();
      new IndexFollower(feed, index).catchUp();
      index.refresh();
      assertThat(index.count()).isEqualTo(3);
    }
  }

  @Test
  void rebuildsWhenTheStoreIsBehindTheIndex() {
    ListFeed old = fixture();
    for (int i = 0; i < 5_000; i++) {
      // two papers revised in turn: the log keeps the last change of each, numbered on
      old.add(paper(i % 2 == 0 ? "2501.00002" : "2501.00003", "Revision " + i, null, List.of(),
          List.of(), "2025-02-10"));
    }
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      new IndexFollower(old, index).catchUp();
      assertThat(index.appliedSeq()).isEqualTo(5_003);
    }
    // a store at an older sequence, with enough papers for several commits, so several segments
    // before the merge
    ListFeed replaced = new ListFeed();
    for (int i = 1; i <= 4_100; i++) {
      replaced.add(paper(String.format("2601.%05d", i), "Paper " + i, null, List.of(), List.of(),
          "2026-01-01"));
    }
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      new IndexFollower(replaced, index, VectorLookup.NONE, 1_000).catchUp();
      index.refresh();
      assertThat(index.count()).isEqualTo(4_100);
      assertThat(index.appliedSeq()).isEqualTo(4_100);
      assertThat(index.segments()).as("a rebuilt index is merged").isEqualTo(1);
    }
  }

  /** An index as papersift wrote it before format 2: id and title stored, no doc values. */
  private static void writeFormat1(Path dir, List<Change> changes) throws IOException {
    try (FSDirectory d = FSDirectory.open(dir);
         IndexWriter w = new IndexWriter(d, new IndexWriterConfig(PaperFields.analyzer()))) {
      for (Change c : changes) {
        Document doc = new Document();
        doc.add(new StringField(PaperFields.ID, c.paper().id(), Field.Store.YES));
        doc.add(new TextField(PaperFields.TITLE, c.paper().title(), Field.Store.YES));
        w.addDocument(doc);
      }
      w.setLiveCommitData(Map.of(PaperIndex.SEQ_KEY,
          Long.toString(changes.get(changes.size() - 1).seq())).entrySet());
      w.commit();
    }
  }

  @Test
  void anIndexOfAnOlderFormatIsSearchableAndRebuiltByTheNextCatchUp() throws IOException {
    ListFeed feed = fixture();
    writeFormat1(dir, feed.changesAfter(0, 10));
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(index.outdated()).isTrue();
      assertThat(index.appliedSeq()).isEqualTo(3);
      // until rebuilt, hits come from the stored fields
      assertThat(index.search(SearchQuery.of("protein folding", 10)).hits())
          .extracting(Hit::id, Hit::title)
          .containsExactly(tuple("2501.00002", "Protein folding at scale"));
      // a paper added without the rebuild lands in one segment with the old ones
      feed.add(paper("2501.00004", "Protein design", null, List.of(), List.of(), "2025-04-01"));
      index.apply(feed.changesAfter(3, 10));
      index.optimize(1);
      assertThat(index.search(SearchQuery.of("protein", 10)).hits())
          .extracting(Hit::id, Hit::title).containsExactlyInAnyOrder(
              tuple("2501.00002", "Protein folding at scale"),
              tuple("2501.00004", "Protein design"));
    }
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(index.outdated()).as("optimize kept the old format").isTrue();
      assertThat(index.appliedSeq()).isEqualTo(feed.lastSeq());
      assertThat(new IndexFollower(feed, index).catchUp()).isEqualTo(4);
      assertThat(index.outdated()).isFalse();
      index.refresh();
      assertThat(index.count()).isEqualTo(4);
      assertThat(index.segments()).as("a rebuilt index is merged").isEqualTo(1);
      assertThat(index.search(SearchQuery.of("language models", 10)).hits())
          .extracting(Hit::id, Hit::title)
          .contains(tuple("2501.00003", "Do Language Models Know When They Don't Know?"));
    }
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(index.outdated()).isFalse();
      assertThat(index.appliedSeq()).isEqualTo(4);
      assertThat(new IndexFollower(feed, index).catchUp()).isZero();
    }
  }

  @Test
  void filtersByCategoryArchiveAuthorPhraseAndDate() {
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      new IndexFollower(fixture(), index).catchUp();
      index.refresh();
      assertThat(ids(index.search(SearchQuery.parse("cat:cs", 10))))
          .containsExactly("2501.00003", "2501.00001"); // no text: newest first
      assertThat(ids(index.search(SearchQuery.parse("cat:cs.IR", 10))))
          .containsExactly("2501.00001");
      // "Ada Lovelace" is one author of 00001; in 00003 the words belong to two authors
      assertThat(ids(index.search(SearchQuery.parse("author:\"Ada Lovelace\"", 10))))
          .containsExactly("2501.00001");
      assertThat(ids(index.search(SearchQuery.parse("retrieval date:2025-03", 10))))
          .containsExactly("2501.00003");
      assertThat(ids(index.search(SearchQuery.parse("retrieval to:2025-02-28", 10))))
          .containsExactly("2501.00001");
    }
  }

  @Test
  void titlesWithQuestionMarksAndColonsAreSearchedAsWords() {
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      new IndexFollower(fixture(), index).catchUp();
      index.refresh();
      SearchResult r = index.search(SearchQuery.of(
          "Do Language Models Know When They Don't Know?", 10));
      assertThat(r.hits().get(0).id()).isEqualTo("2501.00003");
      SearchResult colon = index.search(SearchQuery.of("Proteins: folding at scale", 10));
      assertThat(colon.hits().get(0).id()).isEqualTo("2501.00002");
      assertThat(colon.notes()).singleElement().asString().contains("\"Proteins:\" is not a field");
    }
  }

  @Test
  void optimizeMergesAndKeepsTheSequence() {
    ListFeed feed = fixture();
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      IndexFollower follower = new IndexFollower(feed, index);
      follower.catchUp();
      feed.add(paper("2501.00009", "Late paper", null, List.of(), List.of(), "2025-04-01"));
      follower.catchUp();
      index.refresh();
      assertThat(index.segments()).isEqualTo(2);
      index.optimize(1);
      assertThat(index.segments()).isEqualTo(1);
      assertThat(index.count()).isEqualTo(4);
    }
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(index.appliedSeq()).isEqualTo(4);
    }
  }

  @Test
  void escapesOnlyOperatorsThatAreTitlePunctuation() {
    assertThat(QueryTranslator.unlikelyOperatorsEscaped("Know? CheckThat! a -- b -x A/B"))
        .isEqualTo("Know\\? CheckThat\\! a \\-\\- b -x A\\/B");
  }

  @Test
  void aNewIndexCanBeOpenedReadOnlyByAnotherProcessAtOnce() {
    try (PaperIndex writer = PaperIndex.open(dir, Ranking.DEFAULT)) {
      assertThat(writer.writable()).isTrue();
      // nothing applied yet (serve on a new data directory): another command must still open it
      try (PaperIndex reader = PaperIndex.open(dir, Ranking.DEFAULT)) {
        assertThat(reader.writable()).isFalse();
        assertThat(reader.count()).isZero();
        assertThat(reader.appliedSeq()).isZero();
        assertThat(reader.outdated()).isFalse();
      }
    }
  }
}
