package org.papersift.app.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.SemanticSettings;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.search.Fusion;
import org.papersift.search.Ranking;
import org.papersift.search.embed.EmbeddingModel;
import org.papersift.store.PaperStore;
import org.papersift.store.UpsertOutcome;

/**
 * The embedder following the store, and search over what it embedded, with the real (small)
 * all-MiniLM-L6-v2 model on 40 fixture papers of distinct topics.
 */
class EmbeddingFollowerTest {
  private static final String MODEL = "all-MiniLM-L6-v2";
  private static final int MAX_TOKENS = 128;
  private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");

  static {
    LUCENE_LOG.setLevel(Level.SEVERE);
  }

  /** The paper the paraphrase describes. */
  private static final int BEES = 1;
  /** Shares a stem with the paraphrase: "communication" (as does 31, "communities"). */
  private static final int WIRELESS = 2;
  private static final int SOIL = 31;
  /**
   * Describes paper {@link #BEES} without one of its words (after stemming and stop words): the
   * only stem it shares with any fixture is "commun", of papers {@link #WIRELESS} and
   * {@link #SOIL}, so keyword search finds those two and nothing else.
   */
  private static final String PARAPHRASE =
      "how insect colonies communicate the location of blossoms to nestmates by body movements";

  private record Fixture(int n, String title, String abstractText, List<String> categories) {}

  private static final List<Fixture> FIXTURES = List.of(
      new Fixture(BEES, "Decoding the waggle dance of honeybees",
          "Foraging honeybees perform a figure-eight waggle run on the comb. The angle of the run"
              + " encodes the direction of a food patch relative to the sun, and its duration"
              + " encodes the distance. We film hives with high-speed cameras and decode the"
              + " recruitment signals automatically.",
          List.of("q-bio.PE")),
      new Fixture(WIRELESS, "Beam alignment for millimetre-wave base stations",
          "Wireless communication at millimetre-wave frequencies needs narrow beams. We propose a"
              + " codebook search that cuts the beam alignment overhead of base stations in dense"
              + " urban cells.",
          List.of("cs.NI", "eess.SP")),
      new Fixture(3, "Zeolite catalysts for hydrocarbon cracking",
          "We study zeolite frameworks for the catalytic cracking of heavy hydrocarbons and"
              + " measure acidity, pore size and coke formation.",
          List.of("physics.chem-ph")),
      new Fixture(4, "Neural machine translation with transformers",
          "An encoder-decoder transformer translates German news into English; we compare"
              + " subword vocabularies and beam sizes on standard test sets.",
          List.of("cs.CL")),
      new Fixture(5, "Chromatic number bounds for sparse graphs",
          "We prove new upper bounds on the chromatic number of graphs with bounded maximum"
              + " average degree using discharging arguments.",
          List.of("math.CO")),
      new Fixture(6, "Flat rotation curves of spiral galaxies",
          "Rotation curves of spiral galaxies stay flat far beyond the visible disk, which points"
              + " to unseen dark matter halos.",
          List.of("astro-ph.GA")),
      new Fixture(7, "Predicting protein folding pathways",
          "Molecular dynamics simulations reveal intermediate states when small proteins fold"
              + " into alpha helices and beta sheets.",
          List.of("q-bio.BM")),
      new Fixture(8, "Surface codes for quantum error correction",
          "Surface codes protect logical qubits against bit-flip and phase-flip errors; we"
              + " estimate thresholds under circuit-level noise.",
          List.of("quant-ph")),
      new Fixture(9, "Reinforcement learning for robotic grasping",
          "A robot arm learns to pick up unfamiliar objects from sparse reward signals with"
              + " off-policy reinforcement learning in simulation.",
          List.of("cs.RO", "cs.LG")),
      new Fixture(10, "Seasonal monsoon rainfall forecasting",
          "We forecast Indian summer monsoon rainfall months ahead from sea surface temperature"
              + " anomalies with a statistical ensemble.",
          List.of("physics.ao-ph")),
      new Fixture(11, "Edge states in topological insulators",
          "Spin-polarized edge states of two-dimensional topological insulators are protected by"
              + " time-reversal symmetry; we measure their conductance.",
          List.of("cond-mat.mes-hall")),
      new Fixture(12, "Bounded gaps between consecutive primes",
          "Sieve methods show that infinitely many pairs of primes differ by at most a fixed"
              + " bound.",
          List.of("math.NT")),
      new Fixture(13, "Differential privacy in federated learning",
          "Clients train a shared model without sending raw data; we add calibrated noise to"
              + " gradients to bound what leaks about any single user.",
          List.of("cs.CR", "cs.LG")),
      new Fixture(14, "Polynomial invariants of knots",
          "The Jones polynomial distinguishes many knots; we compute it for all prime knots up"
              + " to sixteen crossings.",
          List.of("math.GT")),
      new Fixture(15, "Electrolytes for lithium-ion batteries",
          "Lithium salts dissolved in carbonate solvents form a solid electrolyte interphase on"
              + " graphite anodes that limits capacity fade.",
          List.of("cond-mat.mtrl-sci")),
      new Fixture(16, "Tumour segmentation in MRI scans",
          "A convolutional network outlines brain tumours in magnetic resonance images pixel by"
              + " pixel and is evaluated against radiologists.",
          List.of("cs.CV")),
      new Fixture(17, "Detecting gravitational waves from merging black holes",
          "Laser interferometers record the chirp of two black holes spiralling together; matched"
              + " filtering pulls the signal out of detector noise.",
          List.of("gr-qc")),
      new Fixture(18, "Sparse matrix multiplication on GPUs",
          "We tune kernels for sparse matrix-vector products on graphics processors and report"
              + " memory bandwidth utilisation.",
          List.of("cs.MS", "cs.DC")),
      new Fixture(19, "Optimal auctions with budget-constrained bidders",
          "We design revenue-maximizing selling mechanisms when bidders cannot pay more than a"
              + " private budget.",
          List.of("cs.GT", "econ.TH")),
      new Fixture(20, "Coral reef bleaching under ocean warming",
          "Marine heatwaves expel symbiotic algae from reef-building corals; we map bleaching"
              + " events from satellite sea temperature records.",
          List.of("q-bio.PE")),
      new Fixture(21, "Speech recognition for low-resource languages",
          "Self-supervised acoustic pretraining lets speech recognizers reach usable word error"
              + " rates with one hour of transcribed audio.",
          List.of("cs.CL", "eess.AS")),
      new Fixture(22, "Register allocation in optimizing compilers",
          "Graph-colouring register allocation with live-range splitting reduces spills in"
              + " generated machine code.",
          List.of("cs.PL")),
      new Fixture(23, "Byzantine fault tolerant consensus for blockchains",
          "Validators agree on a ledger even when a third of them lie; we cut message complexity"
              + " to linear.",
          List.of("cs.DC", "cs.CR")),
      new Fixture(24, "Transition to turbulence in pipe flow",
          "Puffs and slugs of turbulence appear in pipe flow at Reynolds numbers near two"
              + " thousand; we track their lifetimes.",
          List.of("physics.flu-dyn")),
      new Fixture(25, "Exoplanet transits in stellar photometry",
          "Periodic dips in starlight reveal planets crossing their host stars; we search space"
              + " telescope light curves.",
          List.of("astro-ph.EP")),
      new Fixture(26, "Off-target effects of CRISPR gene editing",
          "Guide RNAs sometimes cut similar genomic sequences; we predict off-target sites with"
              + " a sequence model.",
          List.of("q-bio.GN")),
      new Fixture(27, "Volatility clustering in stock returns",
          "GARCH models capture calm and turbulent periods of equity returns; we compare"
              + " forecasts of daily volatility.",
          List.of("q-fin.ST")),
      new Fixture(28, "Instrumental variables for causal inference",
          "Valid instruments identify causal effects under unmeasured confounding; we test"
              + " instrument strength.",
          List.of("stat.ME")),
      new Fixture(29, "Bayesian optimisation of hyperparameters",
          "A Gaussian process surrogate chooses which hyperparameter settings of a neural"
              + " network to try next.",
          List.of("stat.ML", "cs.LG")),
      new Fixture(30, "Pairing symmetry in cuprate superconductors",
          "Angle-resolved photoemission reveals d-wave gaps in copper oxide superconductors"
              + " below the critical temperature.",
          List.of("cond-mat.supr-con")),
      new Fixture(SOIL, "Soil microbiome and crop yield",
          "Bacterial communities around wheat roots predict grain yield across farms with"
              + " different fertiliser regimes.",
          List.of("q-bio.QM")),
      new Fixture(32, "Lidar object detection for autonomous driving",
          "Point clouds from roof-mounted lidar are voxelized to detect cars, cyclists and"
              + " pedestrians in real time.",
          List.of("cs.CV", "cs.RO")),
      new Fixture(33, "Collaborative filtering for recommendation",
          "Matrix factorization of user-item ratings recommends films; implicit feedback is"
              + " weighted by confidence.",
          List.of("cs.IR")),
      new Fixture(34, "Join ordering in relational query optimizers",
          "Dynamic programming over join trees picks cheap plans for SQL queries with many"
              + " tables.",
          List.of("cs.DB")),
      new Fixture(35, "Neutrino oscillations at long baselines",
          "Muon neutrinos sent hundreds of kilometres change flavour; far detectors constrain"
              + " mixing angles.",
          List.of("hep-ex")),
      new Fixture(36, "Adaptive traffic signal control",
          "Intersections adjust green times from loop detector counts to shorten queues of cars"
              + " at rush hour.",
          List.of("eess.SY")),
      new Fixture(37, "Ancient DNA and prehistoric human dispersal",
          "Genomes from skeletal remains trace waves of farmers and herders across Europe"
              + " thousands of years ago.",
          List.of("q-bio.PE")),
      new Fixture(38, "Symbolic music generation",
          "A sequence model composes piano pieces note by note and is judged by listeners.",
          List.of("cs.SD")),
      new Fixture(39, "Glacier melt and sea-level rise",
          "Satellite altimetry shows mountain glaciers thinning faster each decade and adding to"
              + " global sea level.",
          List.of("physics.geo-ph")),
      new Fixture(40, "Scheduling jobs on parallel machines",
          "Approximation algorithms minimize the makespan of jobs on identical processors with"
              + " precedence constraints.",
          List.of("cs.DS")));

  @TempDir Path dir;
  Papersift app;

  static String id(int n) {
    return String.format("2502.%05d", n);
  }

  static Paper paper(Fixture f) {
    return new Paper(id(f.n()), 1, f.title(), f.abstractText(), List.of("Author " + f.n()),
        f.categories(), LocalDate.of(2025, 2, 1).plusDays(f.n()), null, null, null, null, null,
        List.of());
  }

  @BeforeEach
  void open() {
    app = Papersift.open(new DataDir(dir), Ranking.DEFAULT,
        new SemanticSettings(EmbeddingModel.byId(MODEL), MAX_TOKENS), Fusion.DEFAULT);
    PaperStore.BatchResult r = app.store().upsertAll(FIXTURES.stream()
        .map(EmbeddingFollowerTest::paper).toList());
    assertThat(r.added()).isEqualTo(FIXTURES.size());
  }

  @AfterEach
  void close() {
    app.close();
  }

  private PaperStore store() {
    return app.store();
  }

  private EmbeddingFollower follower() {
    return new EmbeddingFollower(store(), app.embedder());
  }

  private static List<String> allIds() {
    return FIXTURES.stream().map(f -> id(f.n())).toList();
  }

  private static Fixture fixture(int n) {
    return FIXTURES.stream().filter(f -> f.n() == n).findFirst().orElseThrow();
  }

  /** Every cached vector's hash and raw bits, by paper. */
  private Map<String, String> snapshot() {
    Map<String, String> out = new HashMap<>();
    store().vectors(MODEL, allIds()).forEach((id, v) -> {
      StringBuilder sb = new StringBuilder(v.textHash()).append(':');
      for (float x : v.vector()) {
        sb.append(Integer.toHexString(Float.floatToRawIntBits(x))).append(',');
      }
      out.put(id, sb.toString());
    });
    return out;
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(Hit::id).toList();
  }

  private SearchResult search(String raw, SearchMode mode) {
    return app.search(SearchQuery.parse(raw, 10), mode);
  }

  private static String describe(SearchResult r) {
    StringBuilder sb = new StringBuilder();
    for (Hit h : r.hits()) {
      sb.append(String.format("%n  %s %.4f %s", h.id(), h.score(), h.title()));
    }
    return sb.append("\n  notes ").append(r.notes()).toString();
  }

  private float[] storedVector(int n) {
    return store().vectors(MODEL, List.of(id(n))).get(id(n)).vector();
  }

  @Test
  void catchUpEmbedsEveryPaperOnceAndASecondCatchUpEmbedsNothing() {
    List<Long> progress = new ArrayList<>();
    assertThat(app.embeddedCount()).isZero();

    assertThat(app.catchUpEmbeddings(progress::add)).isEqualTo(FIXTURES.size());
    assertThat(app.embeddedCount()).isEqualTo(FIXTURES.size());
    assertThat(progress).isNotEmpty().isSorted();
    assertThat(progress.get(progress.size() - 1)).isEqualTo(FIXTURES.size());
    assertThat(follower().position()).isEqualTo(store().lastSeq());
    assertThat(app.index().count()).isEqualTo(FIXTURES.size());
    assertThat(app.index().appliedSeq()).isEqualTo(store().lastSeq());

    // each vector is the model's embedding of title + ". " + abstract, unit length, current hash
    Map<String, PaperStore.StoredVector> vectors = store().vectors(MODEL, allIds());
    assertThat(vectors).hasSize(FIXTURES.size());
    for (Fixture f : FIXTURES) {
      Paper p = store().find(id(f.n())).orElseThrow();
      PaperStore.StoredVector v = vectors.get(id(f.n()));
      assertThat(v.textHash()).isEqualTo(EmbeddingText.hash(p, MAX_TOKENS));
      float[] vec = v.vector();
      assertThat(vec).hasSize(384);
      double norm = 0;
      for (float x : vec) {
        norm += x * x;
      }
      assertThat(norm).isCloseTo(1.0, within(1e-4));
    }
    Paper bees = paper(fixture(BEES));
    assertThat(EmbeddingText.of(bees)).isEqualTo(bees.title() + ". " + bees.abstractText());
    assertThat(storedVector(BEES)).containsExactly(
        app.embedder().embedPassage(EmbeddingText.of(bees)), within(1e-5f));

    Map<String, String> before = snapshot();
    long seq = store().lastSeq();
    assertThat(app.catchUpEmbeddings(n -> { })).isZero();
    assertThat(new EmbeddingFollower(store(), app.embedder()).catchUp(n -> { })).isZero();
    assertThat(snapshot()).isEqualTo(before);
    assertThat(store().lastSeq()).as("nothing renumbered").isEqualTo(seq);
  }

  @Test
  void aChangedAbstractReembedsExactlyThatPaper() {
    app.catchUpEmbeddings(n -> { });
    Map<String, String> before = snapshot();
    Paper changed = paper(fixture(5)).withAbstract("We study how glaciers calve icebergs into"
        + " fjords and how the ocean undercuts their fronts.");
    assertThat(store().upsert(changed)).isEqualTo(UpsertOutcome.UPDATED);

    assertThat(app.catchUpEmbeddings(n -> { })).isEqualTo(1);

    Map<String, String> after = snapshot();
    assertThat(after.get(id(5))).isNotEqualTo(before.get(id(5)));
    after.remove(id(5));
    before.remove(id(5));
    assertThat(after).as("every other vector untouched").isEqualTo(before);
    PaperStore.StoredVector v = store().vectors(MODEL, List.of(id(5))).get(id(5));
    assertThat(v.textHash()).isEqualTo(EmbeddingText.hash(changed, MAX_TOKENS));
    assertThat(v.vector()).containsExactly(
        app.embedder().embedPassage(EmbeddingText.of(changed)), within(1e-5f));
    assertThat(follower().position()).isEqualTo(store().lastSeq());

    // the index has the new vector: it is its own nearest neighbour
    assertThat(app.index().appliedSeq()).isEqualTo(store().lastSeq());
    SearchResult r = app.index().searchDense(SearchQuery.of("unused", 3), v.vector(), null);
    assertThat(ids(r)).as(describe(r)).first().isEqualTo(id(5));
    assertThat(r.hits().get(0).score()).isCloseTo(1f, within(1e-3f));
  }

  @Test
  void aChangedDoiOrCommentReembedsNothingAndThePaperKeepsItsVectorInTheIndex() {
    app.catchUpEmbeddings(n -> { });
    Map<String, String> before = snapshot();
    Paper p = paper(fixture(7));
    Paper withDoi = new Paper(p.id(), p.version(), p.title(), p.abstractText(), p.authors(),
        p.categories(), p.published(), p.updated(), "12 pages, 3 figures", null,
        "10.1000/fold.2025", null, p.links());
    assertThat(store().upsert(withDoi)).isEqualTo(UpsertOutcome.UPDATED);
    long seq = store().lastSeq();
    assertThat(store().changesAfter(seq - 1, 10)).extracting(Change::paper)
        .containsExactly(withDoi);

    assertThat(app.catchUpEmbeddings(n -> { })).isZero();

    assertThat(snapshot()).isEqualTo(before);
    assertThat(store().lastSeq()).as("nothing renumbered").isEqualTo(seq);
    assertThat(follower().position()).isEqualTo(seq);
    // the index re-indexed the paper (new DOI) with its cached vector
    assertThat(app.index().appliedSeq()).isEqualTo(seq);
    SearchResult r = app.index().searchDense(SearchQuery.of("unused", 3), storedVector(7),
        null);
    assertThat(ids(r)).as(describe(r)).first().isEqualTo(id(7));
    assertThat(r.hits().get(0).score()).isCloseTo(1f, within(1e-3f));
  }

  @Test
  void denseSearchFindsAParaphraseThatKeywordSearchMisses() {
    app.catchUpEmbeddings(n -> { });

    SearchResult bm25 = search(PARAPHRASE, SearchMode.BM25);
    assertThat(ids(bm25)).as(describe(bm25)).containsExactlyInAnyOrder(id(WIRELESS), id(SOIL));

    SearchResult dense = search(PARAPHRASE, SearchMode.DENSE);
    assertThat(ids(dense)).as(describe(dense)).first().isEqualTo(id(BEES));
    assertThat(dense.hits()).hasSize(10);
    assertThat(dense.notes()).isEmpty();

    SearchResult hybrid = search(PARAPHRASE, SearchMode.HYBRID);
    assertThat(ids(hybrid).subList(0, 3)).as(describe(hybrid)).contains(id(BEES));
    assertThat(hybrid.notes()).isEmpty();
  }

  @Test
  void beforeAnyEmbeddingDenseAndHybridAnswerWithKeywordsAndANote() {
    app.catchUpIndex(n -> { });
    assertThat(app.embeddedCount()).isZero();
    SearchResult bm25 = search("zeolite cracking", SearchMode.BM25);
    assertThat(ids(bm25)).containsExactly(id(3));
    assertThat(bm25.notes()).noneMatch(n -> n.contains("semantic search"));

    for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.HYBRID)) {
      SearchResult r = search("zeolite cracking", mode);
      assertThat(r.hits()).as("%s", mode).isEqualTo(bm25.hits());
      assertThat(r.totalMatches()).isEqualTo(bm25.totalMatches());
      assertThat(r.notes()).as("%s", mode)
          .anyMatch(n -> n.contains("semantic search is not ready"));
    }
    // the paraphrase has no keyword answer, and says why
    SearchResult r = search(PARAPHRASE, SearchMode.DENSE);
    assertThat(ids(r)).doesNotContain(id(BEES));
    assertThat(r.notes()).anyMatch(n -> n.contains("semantic search is not ready"));
  }

  @Test
  void categoryFiltersApplyInDenseAndHybridMode() {
    app.catchUpEmbeddings(n -> { });
    List<String> csPapers = FIXTURES.stream()
        .filter(f -> f.categories().stream().anyMatch(c -> c.startsWith("cs.")))
        .map(f -> id(f.n())).toList();
    List<String> popBio = FIXTURES.stream()
        .filter(f -> f.categories().contains("q-bio.PE")).map(f -> id(f.n())).toList();
    assertThat(csPapers).hasSizeGreaterThan(10).doesNotContain(id(BEES));
    assertThat(popBio).hasSize(3).contains(id(BEES));

    // every cs paper and nothing else, however far from the query
    SearchResult dense = app.search(SearchQuery.parse(PARAPHRASE + " cat:cs", 50),
        SearchMode.DENSE);
    assertThat(ids(dense)).as(describe(dense)).containsExactlyInAnyOrderElementsOf(csPapers);
    SearchResult hybrid = app.search(SearchQuery.parse(PARAPHRASE + " cat:cs", 50),
        SearchMode.HYBRID);
    assertThat(ids(hybrid)).as(describe(hybrid)).containsExactlyInAnyOrderElementsOf(csPapers);
    assertThat(ids(hybrid)).contains(id(WIRELESS));

    // the filter with the paper's own category keeps it first
    for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.HYBRID)) {
      SearchResult r = app.search(SearchQuery.parse(PARAPHRASE + " cat:q-bio.PE", 10), mode);
      assertThat(ids(r)).as("%s%s", mode, describe(r)).first().isEqualTo(id(BEES));
      assertThat(ids(r)).as("%s%s", mode, describe(r))
          .containsExactlyInAnyOrderElementsOf(popBio);
    }
    // a filter as an option works as in the text
    SearchResult viaFilter = app.search(SearchQuery.of(PARAPHRASE, 10)
        .withFilters(List.of("q-bio.PE"), List.of(), null, null), SearchMode.DENSE);
    assertThat(ids(viaFilter)).containsExactlyInAnyOrderElementsOf(popBio);
  }
}
