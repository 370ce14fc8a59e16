package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.Paper;

/** The vector cache of {@link PaperStore}: saveVectors, vectors, vectorCount. */
class PaperVectorsTest {
  private static final String MINI = "all-MiniLM-L6-v2";
  private static final String BGE = "bge-small-en-v1.5";
  private static final String STATE = "embed:" + MINI + ":128";

  @TempDir Path dir;
  Database db;
  PaperStore store;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("papersift.db"));
    store = new PaperStore(db);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static String id(int n) {
    return String.format("2503.%05d", n);
  }

  /** Stores papers 1..n, numbered 1..n in the change sequence. */
  private void storePapers(int n) {
    List<Paper> papers = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      papers.add(Paper.of(id(i), "Paper " + i).withAbstract("Abstract of paper " + i + "."));
    }
    store.upsertAll(papers);
    assertThat(store.lastSeq()).isEqualTo(n);
  }

  private static float[] vector(float seed) {
    return new float[] {seed, -seed / 3, seed * seed, 1f / (seed + 7)};
  }

  private static PaperStore.NewVector newVector(int paper, String hash, float[] v) {
    return new PaperStore.NewVector(id(paper), hash, v);
  }

  private static int[] bits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }

  private long changeSeq(int paper) {
    return store.changesAfter(0, 1_000).stream()
        .filter(c -> c.paper().id().equals(id(paper)))
        .mapToLong(Change::seq).findFirst().orElseThrow();
  }

  /** created_at of one stored vector, read straight from the table. */
  private String createdAt(int paper, String model) throws SQLException {
    try (Connection c = db.connect();
         PreparedStatement st = c.prepareStatement(
             "SELECT created_at FROM paper_vectors WHERE paper_id = ? AND model = ?")) {
      st.setString(1, id(paper));
      st.setString(2, model);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private long rows(String model) throws SQLException {
    try (Connection c = db.connect();
         PreparedStatement st = c.prepareStatement(
             "SELECT count(*) FROM paper_vectors WHERE model = ?")) {
      st.setString(1, model);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void newestWithVectorsListsDatedEmbeddedPapersNewestFirst() {
    store.upsertAll(List.of(
        Paper.of(id(1), "Old").withPublished(LocalDate.parse("2025-01-01")),
        Paper.of(id(2), "New").withPublished(LocalDate.parse("2025-03-01")),
        Paper.of(id(3), "Same day, higher id").withPublished(LocalDate.parse("2025-03-01")),
        Paper.of(id(4), "Not embedded").withPublished(LocalDate.parse("2025-04-01")),
        Paper.of(id(5), "No date"),
        Paper.of(id(6), "Other model only").withPublished(LocalDate.parse("2025-05-01"))));
    store.saveVectors(MINI, List.of(newVector(1, "h", vector(1)), newVector(2, "h", vector(2)),
        newVector(3, "h", vector(3)), newVector(5, "h", vector(5))), STATE, 6);
    store.saveVectors(BGE, List.of(newVector(6, "h", vector(6))), "embed:" + BGE + ":512", 6);
    assertThat(store.newestWithVectors(MINI, 10)).containsExactly(id(3), id(2), id(1));
    assertThat(store.newestWithVectors(MINI, 2)).containsExactly(id(3), id(2));
    assertThat(store.newestWithVectors(BGE, 10)).containsExactly(id(6));
    assertThat(store.newestWithVectors("none", 10)).isEmpty();
    assertThatThrownBy(() -> store.newestWithVectors(MINI, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vectorsRoundTripBitForBit() {
    storePapers(2);
    float[] awkward = {
        0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN, 0.1f, (float) Math.PI, 1e-30f, -123456.789f,
        Float.intBitsToFloat(0x7fc01234), // a quiet NaN with a payload
        Float.intBitsToFloat(0x00000001), Float.intBitsToFloat(0x807fffff)};
    float[] unit = new float[384];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (float) (Math.sin(i * 0.37) / Math.sqrt(192));
    }
    store.saveVectors(MINI, List.of(newVector(1, "h1", awkward), newVector(2, "h2", unit)),
        STATE, 2);

    // read back through a second store on the same file, so nothing can come from memory
    try (PaperStore other = new PaperStore(db)) {
      Map<String, PaperStore.StoredVector> got = other.vectors(MINI, List.of(id(1), id(2)));
      assertThat(got).containsOnlyKeys(id(1), id(2));
      assertThat(got.get(id(1)).textHash()).isEqualTo("h1");
      assertThat(bits(got.get(id(1)).vector())).containsExactly(bits(awkward));
      assertThat(got.get(id(2)).textHash()).isEqualTo("h2");
      assertThat(bits(got.get(id(2)).vector())).containsExactly(bits(unit));
    }
  }

  @Test
  void storedVectorsAreCopiesTheCallerCannotChange() {
    storePapers(1);
    float[] v = vector(2);
    PaperStore.NewVector nv = newVector(1, "h", v);
    v[0] = 99f;
    store.saveVectors(MINI, List.of(nv), STATE, 1);
    PaperStore.StoredVector stored = store.vectors(MINI, List.of(id(1))).get(id(1));
    stored.vector()[0] = 42f;
    assertThat(bits(store.vectors(MINI, List.of(id(1))).get(id(1)).vector()))
        .containsExactly(bits(vector(2)));
    assertThat(bits(stored.vector())).containsExactly(bits(vector(2)));
  }

  @Test
  void savingRecordsTheJobStateAndAnEmptyBatchStillMovesIt() {
    storePapers(3);
    assertThat(store.jobState(STATE)).isEmpty();
    store.saveVectors(MINI, List.of(newVector(1, "h", vector(1))), STATE, 3);
    assertThat(store.jobState(STATE)).contains("3");
    // a batch whose papers all kept their vectors saves no vector but moves the position
    store.saveVectors(MINI, List.of(), STATE, 4);
    assertThat(store.jobState(STATE)).contains("4");
    assertThat(store.vectorCount(MINI)).isEqualTo(1);
    assertThat(store.lastSeq()).as("an empty batch renumbers nothing").isEqualTo(4);
    store.close();
    store = new PaperStore(db);
    assertThat(store.jobState(STATE)).as("kept across reopen").contains("4");
  }

  @Test
  void aFailedSaveLeavesNeitherVectorsNorJobStateNorNewNumbers() throws SQLException {
    storePapers(3);
    store.saveVectors(MINI, List.of(newVector(1, "h1", vector(1))), STATE, 1);
    long seq = store.lastSeq();
    List<Change> before = store.changesAfter(0, 100);
    // the second row breaks NOT NULL on paper_id after the first row is written and renumbered
    List<PaperStore.NewVector> batch = List.of(
        newVector(2, "h2", vector(2)),
        new PaperStore.NewVector(null, "h3", vector(3)));
    assertThatThrownBy(() -> store.saveVectors(MINI, batch, STATE, 3))
        .isInstanceOf(StoreException.class);

    assertThat(store.jobState(STATE)).contains("1");
    assertThat(store.vectors(MINI, List.of(id(2)))).isEmpty();
    assertThat(store.vectorCount(MINI)).isEqualTo(1);
    assertThat(rows(MINI)).isEqualTo(1);
    assertThat(store.lastSeq()).isEqualTo(seq);
    assertThat(store.changesAfter(0, 100)).isEqualTo(before);

    // and the store still takes writes afterwards (the transaction was rolled back, not left open)
    store.saveVectors(MINI, List.of(newVector(2, "h2", vector(2))), STATE, 3);
    assertThat(store.jobState(STATE)).contains("3");
    assertThat(store.vectorCount(MINI)).isEqualTo(2);
  }

  @Test
  void embeddedPapersAreRenumberedAfterEveryEarlierChange() {
    storePapers(5);
    long last = store.lastSeq();
    store.saveVectors(MINI, List.of(newVector(4, "h4", vector(4)), newVector(2, "h2",
        vector(2))), STATE, last);

    List<Change> changed = store.changesAfter(last, 100);
    assertThat(changed).extracting(c -> c.paper().id()).containsExactly(id(4), id(2));
    assertThat(changed).extracting(Change::seq).containsExactly(last + 1, last + 2);
    assertThat(store.lastSeq()).isEqualTo(last + 2);
    // the others keep their numbers, every number is still unique
    assertThat(changeSeq(1)).isEqualTo(1);
    assertThat(changeSeq(3)).isEqualTo(3);
    assertThat(changeSeq(5)).isEqualTo(5);
    assertThat(store.changesAfter(0, 100)).extracting(Change::seq)
        .containsExactly(1L, 3L, 5L, last + 1, last + 2);
    // the renumbered rows are the same papers, unchanged
    assertThat(changed.get(0).paper()).isEqualTo(store.find(id(4)).orElseThrow());
    assertThat(changed.get(0).paper().abstractText()).isEqualTo("Abstract of paper 4.");

    // a later upsert is numbered after the renumbering
    store.upsert(Paper.of(id(6), "Paper 6"));
    assertThat(store.changesAfter(last + 2, 100)).extracting(Change::seq)
        .containsExactly(last + 3);
  }

  @Test
  void savingAgainForTheSamePaperAndModelReplacesTheVector() throws Exception {
    storePapers(2);
    store.saveVectors(MINI, List.of(newVector(1, "old", vector(1))), STATE, 2);
    String firstCreated = createdAt(1, MINI);
    Thread.sleep(5);
    store.saveVectors(MINI, List.of(newVector(1, "new", vector(5))), STATE, 3);

    PaperStore.StoredVector v = store.vectors(MINI, List.of(id(1))).get(id(1));
    assertThat(v.textHash()).isEqualTo("new");
    assertThat(bits(v.vector())).containsExactly(bits(vector(5)));
    assertThat(store.vectorCount(MINI)).isEqualTo(1);
    assertThat(rows(MINI)).isEqualTo(1);
    assertThat(Instant.parse(createdAt(1, MINI))).isAfter(Instant.parse(firstCreated));
    assertThat(store.changesAfter(3, 10)).extracting(c -> c.paper().id()).containsExactly(id(1));
  }

  @Test
  void vectorCountIsPerModel() {
    storePapers(4);
    assertThat(store.vectorCount(MINI)).isZero();
    store.saveVectors(MINI, List.of(newVector(1, "a", vector(1)), newVector(2, "b", vector(2)),
        newVector(3, "c", vector(3))), STATE, 4);
    store.saveVectors(BGE, List.of(newVector(4, "d", new float[] {1, 0})),
        "embed:" + BGE + ":512", 7);
    assertThat(store.vectorCount(MINI)).isEqualTo(3);
    assertThat(store.vectorCount(BGE)).isEqualTo(1);
    assertThat(store.vectorCount("no-such-model")).isZero();
  }

  @Test
  void vectorsLeaveOutPapersWithoutOneAndOtherModelsVectors() {
    storePapers(4);
    store.saveVectors(MINI, List.of(newVector(1, "m1", vector(1)), newVector(3, "m3",
        vector(3))), STATE, 4);
    // paper 2 has only a bge vector, paper 3 has both, paper 4 none
    store.saveVectors(BGE, List.of(newVector(2, "b2", new float[] {0, 1}), newVector(3, "b3",
        new float[] {1, 0})), "embed:" + BGE + ":512", 6);

    Map<String, PaperStore.StoredVector> mini = store.vectors(MINI,
        List.of(id(3), id(2), id(4), "2503.99999", id(1)));
    assertThat(mini.keySet()).as("in the order asked").containsExactly(id(3), id(1));
    assertThat(mini.get(id(3)).textHash()).isEqualTo("m3");
    assertThat(bits(mini.get(id(3)).vector())).containsExactly(bits(vector(3)));

    Map<String, PaperStore.StoredVector> bge = store.vectors(BGE, List.of(id(1), id(2), id(3)));
    assertThat(bge.keySet()).containsExactly(id(2), id(3));
    assertThat(bge.get(id(3)).textHash()).isEqualTo("b3");
    assertThat(bits(bge.get(id(3)).vector())).containsExactly(1065353216, 0);

    assertThat(store.vectors(MINI, List.of())).isEmpty();
    assertThat(store.vectors("no-such-model", List.of(id(1)))).isEmpty();
  }

  @Test
  void vectorsOfMoreIdsThanOneStatementTakesComeBackInTheOrderAsked() {
    storePapers(1_200);
    List<PaperStore.NewVector> every3rd = new ArrayList<>();
    for (int i = 3; i <= 1_200; i += 3) {
      every3rd.add(newVector(i, "h" + i, vector(i)));
    }
    store.saveVectors(MINI, every3rd, STATE, 1_200);
    List<String> asked = new ArrayList<>();
    for (int i = 1_250; i >= 1; i--) {
      asked.add(id(i));
    }
    asked.add(id(600)); // asked twice: once in the answer
    Map<String, PaperStore.StoredVector> got = store.vectors(MINI, asked);
    List<String> expected = new ArrayList<>();
    for (int i = 1_200; i >= 3; i--) {
      if (i % 3 == 0) {
        expected.add(id(i));
      }
    }
    assertThat(got.keySet()).containsExactlyElementsOf(expected);
    assertThat(got.get(id(999)).textHash()).isEqualTo("h999");
    assertThat(bits(got.get(id(3)).vector())).containsExactly(bits(vector(3)));
  }
}
