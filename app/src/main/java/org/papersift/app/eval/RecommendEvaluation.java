package org.papersift.app.eval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.Paper;
import org.papersift.core.recommend.NearestCentroid;
import org.papersift.core.recommend.Recommender;
import org.papersift.core.recommend.UserModel;
import org.papersift.store.PaperStore;

/**
 * Offline evaluation of recommendations on a corpus without readers: every author with enough
 * papers plays a reader whose library is their own papers. Each reader's papers are split by
 * date: the newest ({@link Settings#holdout()} of them, at least {@link Settings#minTest()}),
 * with every other paper of theirs from the same day on, are the test set; the older ones the
 * library. The candidates are every paper published on or after the split date, so the task is
 * "which of the new papers will this reader save". Each method ranks the candidates; precision@10
 * and nDCG@10 (binary relevance, {@link TrecMetrics}'s definition and tie order) are averaged over
 * readers.
 *
 * <p>Methods: {@code model} (the product's learned model, trained as {@code Recommendations}
 * trains it: negatives sampled from the {@link Settings#negativePool()} newest papers before the
 * split date, seeded per reader), {@code centroid} (cosine to the mean of the library's vectors),
 * {@code category} (papers in the primary categories the reader's library has most, then
 * popularity), {@code popularity} (the corpus has no votes: more authors first, which in this
 * simulation is exactly how many libraries a paper is in, and is known when the paper appears)
 * and {@code random}.
 *
 * <p>With {@link Settings#validation()} every reader's test papers and everything from their
 * split date on are hidden, and the library is split again by the same rule: a set to choose
 * settings on without seeing the test papers.
 *
 * <p>Papers without a date or without a vector of the model are left out of the corpus for every
 * method alike. Author names are matched ignoring case and are not disambiguated: a common name
 * is several people, one reader with broad interests.
 */
public final class RecommendEvaluation {
  public static final List<String> METHODS =
      List.of("model", "centroid", "category", "popularity", "random");
  public static final int CUTOFF = 10;
  /** Category method: a paper's score is (reader's papers in its category) × this + authors. */
  private static final double CATEGORY_STEP = Paper.MAX_AUTHORS + 1;

  /**
   * How the evaluation runs.
   *
   * @param minPapers authors with at least this many papers (in the corpus) are readers
   * @param holdout share of each reader's papers held out, newest first
   * @param minTest fewest papers held out
   * @param validation hide the test papers and evaluate on a split of the library instead
   * @param negativePool newest papers before the split date that negatives are drawn from
   * @param recommender the learned model's settings
   * @param maxUsers evaluate a fixed pseudo-random sample of this many readers; 0 for all
   * @param threads readers evaluated at once
   */
  public record Settings(int minPapers, double holdout, int minTest, boolean validation,
      int negativePool, Recommender.Settings recommender, int maxUsers, int threads) {
    public Settings {
      if (minPapers < 2 || minTest < 1 || minTest >= minPapers) {
        throw new IllegalArgumentException("need min papers >= 2 and 1 <= min test < min papers,"
            + " got " + minPapers + " and " + minTest);
      }
      if (!(holdout > 0 && holdout < 1)) {
        throw new IllegalArgumentException("holdout must be between 0 and 1, got " + holdout);
      }
      if (negativePool < 1 || maxUsers < 0 || threads < 1) {
        throw new IllegalArgumentException("negative pool and threads must be positive, max users"
            + " not negative; got " + negativePool + ", " + threads + ", " + maxUsers);
      }
    }

    /** The split rule in words, for the report. */
    public String splitRule() {
      return String.format(Locale.ROOT, "authors with >= %d papers are readers; the newest"
          + " %.0f%% of each reader's papers (at least %d, and every paper of theirs from the"
          + " same day on) are held out, the older ones are the library; candidates are all"
          + " papers from the split date on%s", minPapers, holdout * 100, minTest,
          validation ? " (validation: test papers and all later papers hidden, library split"
              + " again by the same rule)" : "");
    }
  }

  /** Dated papers with a vector of one model, oldest first; read once, shared by all readers. */
  public static final class Corpus {
    final String model;
    final long stored;
    final String[] ids;
    final int[] day;
    final int[] authors;
    final int[] category;
    final float[] vectors;
    final int dim;
    final Map<String, int[]> byAuthor;

    private Corpus(String model, long stored, String[] ids, int[] day, int[] authors,
        int[] category, float[] vectors, int dim, Map<String, int[]> byAuthor) {
      this.model = model;
      this.stored = stored;
      this.ids = ids;
      this.day = day;
      this.authors = authors;
      this.category = category;
      this.vectors = vectors;
      this.dim = dim;
      this.byAuthor = byAuthor;
    }

    /** Reads every paper and its vector of {@code model}; {@code progress} gets papers read. */
    public static Corpus load(PaperStore store, String model, LongConsumer progress) {
      // By id: a paper renumbered while this reads (an embedder storing its vector) comes twice.
      Map<String, Paper> all = new HashMap<>();
      long seq = 0;
      while (true) {
        List<Change> page = store.changesAfter(seq, 2_000);
        if (page.isEmpty()) {
          break;
        }
        for (Change c : page) {
          all.put(c.paper().id(), c.paper());
        }
        seq = page.get(page.size() - 1).seq();
        progress.accept(all.size());
      }
      long stored = all.size();
      List<Paper> dated = new ArrayList<>();
      for (Paper p : all.values()) {
        if (p.published() != null) {
          dated.add(p);
        }
      }
      Map<String, float[]> vectors = new HashMap<>();
      for (int i = 0; i < dated.size(); i += 1_000) {
        List<String> ids = dated.subList(i, Math.min(dated.size(), i + 1_000)).stream()
            .map(Paper::id).toList();
        store.vectors(model, ids).forEach((id, v) -> vectors.put(id, v.vector()));
      }
      List<Paper> kept = new ArrayList<>();
      for (Paper p : dated) {
        if (vectors.containsKey(p.id())) {
          kept.add(p);
        }
      }
      kept.sort((a, b) -> {
        int c = a.published().compareTo(b.published());
        return c != 0 ? c : a.id().compareTo(b.id());
      });
      return of(model, stored, kept, vectors);
    }

    /** A corpus of {@code papers} (oldest first) and their vectors; for load and tests. */
    static Corpus of(String model, long stored, List<Paper> papers, Map<String, float[]> vectors) {
      int n = papers.size();
      int dim = n == 0 ? 0 : vectors.get(papers.get(0).id()).length;
      String[] ids = new String[n];
      int[] day = new int[n];
      int[] authors = new int[n];
      int[] category = new int[n];
      float[] flat = new float[n * dim];
      Map<String, Integer> categories = new HashMap<>();
      Map<String, List<Integer>> byAuthor = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        Paper p = papers.get(i);
        ids[i] = p.id();
        day[i] = (int) p.published().toEpochDay();
        if (i > 0 && day[i] < day[i - 1]) {
          throw new IllegalArgumentException("papers must come oldest first: " + p.id());
        }
        authors[i] = p.authors().size();
        String cat = p.primaryCategory() == null ? "" : p.primaryCategory();
        category[i] = categories.computeIfAbsent(cat, k -> categories.size());
        float[] v = vectors.get(p.id());
        if (v.length != dim) {
          throw new IllegalArgumentException("vectors of " + dim + " and " + v.length
              + " dimensions mixed (paper " + p.id() + ")");
        }
        System.arraycopy(v, 0, flat, i * dim, dim);
        Set<String> names = new HashSet<>();
        for (String a : p.authors()) {
          String key = a.toLowerCase(Locale.ROOT);
          if (names.add(key)) {
            byAuthor.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
          }
        }
      }
      Map<String, int[]> frozen = new LinkedHashMap<>();
      byAuthor.forEach((k, v) -> frozen.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
      return new Corpus(model, stored, ids, day, authors, category, flat, dim, frozen);
    }

    public String model() {
      return model;
    }

    /** Papers in the store, with or without date and vector. */
    public long stored() {
      return stored;
    }

    /** Papers evaluated: dated, with a vector. */
    public int size() {
      return ids.length;
    }

    public LocalDate first() {
      return ids.length == 0 ? null : LocalDate.ofEpochDay(day[0]);
    }

    public LocalDate last() {
      return ids.length == 0 ? null : LocalDate.ofEpochDay(day[ids.length - 1]);
    }

    /** The first paper published on or after {@code d} (size() when none). */
    int firstOnOrAfter(int d) {
      int lo = 0;
      int hi = day.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (day[mid] < d) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /**
   * One method's figures: means over the evaluated readers.
   *
   * @param scoreNanos time to rank one reader's candidates
   */
  public record MethodResult(double precision10, double ndcg10, int users,
      LatencyStats.Summary scoreNanos) {}

  /**
   * The whole run.
   *
   * @param readers authors with enough papers
   * @param users readers evaluated (the rest: too few papers before their split date, or no
   *     earlier paper to sample negatives from, or left out by max users)
   * @param trainNanos the learned model's training time per reader
   */
  public record Result(Map<String, MethodResult> methods, int readers, int users,
      double meanCandidates, double meanRelevant, double meanPositives, double meanNegatives,
      LatencyStats.Summary trainNanos, long wallNanos) {}

  private record Split(int[] train, int[] test, int start, int end) {}

  private record UserResult(double[] precision, double[] ndcg, long[] scoreNanos,
      long trainNanos, int candidates, int relevant, int positives, int negatives) {}

  private RecommendEvaluation() {}

  /** Evaluates {@code methods} (of {@link #METHODS}) on {@code corpus}. */
  public static Result run(Corpus corpus, Settings settings, List<String> methods,
      LongConsumer progress) {
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("unknown method " + m + "; expected some of "
            + METHODS);
      }
    }
    long t0 = System.nanoTime();
    List<String> readers = new ArrayList<>();
    corpus.byAuthor.forEach((name, papers) -> {
      if (papers.length >= settings.minPapers()) {
        readers.add(name);
      }
    });
    List<String> chosen = readers;
    if (settings.maxUsers() > 0 && readers.size() > settings.maxUsers()) {
      chosen = new ArrayList<>(readers);
      Collections.shuffle(chosen, new java.util.Random(20_260_101L));
      chosen = new ArrayList<>(chosen.subList(0, settings.maxUsers()));
      Collections.sort(chosen);
    }
    Recommender recommender = new Recommender(settings.recommender());
    UserResult[] results = new UserResult[chosen.size()];
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    try {
      List<Future<?>> futures = new ArrayList<>();
      java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
      for (int u = 0; u < chosen.size(); u++) {
        int user = u;
        String name = chosen.get(u);
        futures.add(pool.submit(() -> {
          results[user] = evaluate(corpus, settings, recommender, methods, name);
          progress.accept(done.incrementAndGet());
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    // Sums in reader order, whatever order the threads finished in: the same figures every run.
    int users = 0;
    double[] p = new double[methods.size()];
    double[] n = new double[methods.size()];
    List<LatencyStats> score = new ArrayList<>();
    for (int m = 0; m < methods.size(); m++) {
      score.add(new LatencyStats());
    }
    LatencyStats train = new LatencyStats();
    double candidates = 0;
    double relevant = 0;
    double positives = 0;
    double negatives = 0;
    for (UserResult r : results) {
      if (r == null) {
        continue;
      }
      users++;
      for (int m = 0; m < methods.size(); m++) {
        p[m] += r.precision()[m];
        n[m] += r.ndcg()[m];
        score.get(m).record(r.scoreNanos()[m]);
      }
      if (r.trainNanos() >= 0) {
        train.record(r.trainNanos());
      }
      candidates += r.candidates();
      relevant += r.relevant();
      positives += r.positives();
      negatives += r.negatives();
    }
    long wall = System.nanoTime() - t0;
    Map<String, MethodResult> out = new LinkedHashMap<>();
    for (int m = 0; m < methods.size(); m++) {
      out.put(methods.get(m), new MethodResult(users == 0 ? 0 : p[m] / users,
          users == 0 ? 0 : n[m] / users, users, summary(score.get(m), wall)));
    }
    int u = Math.max(1, users);
    return new Result(out, readers.size(), users, candidates / u, relevant / u, positives / u,
        negatives / u, summary(train, wall), wall);
  }

  /** The stats' summary; all zero when nothing was recorded (no reader could be evaluated). */
  private static LatencyStats.Summary summary(LatencyStats stats, long wall) {
    return stats.count() == 0 ? new LatencyStats.Summary(0, 0, 0, 0, 0, 0, 0)
        : stats.summary(wall);
  }

  /** One reader: null when they cannot be evaluated. */
  private static UserResult evaluate(Corpus c, Settings s, Recommender recommender,
      List<String> methods, String name) {
    Split split = split(c, s, c.byAuthor.get(name));
    if (split == null) {
      return null;
    }
    Set<Integer> own = new HashSet<>();
    for (int i : split.train()) {
      own.add(i);
    }
    List<Integer> pool = new ArrayList<>();
    for (int i = Math.max(0, split.start() - s.negativePool()); i < split.start(); i++) {
      pool.add(i);
    }
    long seed = name.hashCode();
    List<Integer> negatives = Recommender.sampleNegatives(pool, own,
        recommender.negativeCount(split.train().length), seed);
    if (negatives.isEmpty()) {
      return null;
    }
    Map<String, Integer> judgments = new HashMap<>();
    for (int i : split.test()) {
      judgments.put(c.ids[i], 1);
    }
    int k = methods.size();
    double[] precision = new double[k];
    double[] ndcg = new double[k];
    long[] scoreNanos = new long[k];
    long trainNanos = -1;
    for (int m = 0; m < k; m++) {
      String method = methods.get(m);
      long t0 = System.nanoTime();
      Scorer scorer;
      switch (method) {
        case "model" -> {
          UserModel model = recommender.train(rows(c, split.train()), rows(c, negatives))
              .orElseThrow();
          trainNanos = System.nanoTime() - t0;
          t0 = System.nanoTime();
          scorer = i -> model.score(c.vectors, i * c.dim);
        }
        case "centroid" -> {
          UserModel centroid = NearestCentroid.fit(rows(c, split.train())).orElseThrow();
          scorer = i -> centroid.score(c.vectors, i * c.dim);
        }
        case "category" -> {
          Map<Integer, Integer> counts = new HashMap<>();
          for (int i : split.train()) {
            counts.merge(c.category[i], 1, Integer::sum);
          }
          scorer = i -> counts.getOrDefault(c.category[i], 0) * CATEGORY_STEP + c.authors[i];
        }
        case "popularity" -> scorer = i -> c.authors[i];
        case "random" -> {
          SplittableRandom random = new SplittableRandom(seed);
          scorer = i -> random.nextDouble();
        }
        default -> throw new IllegalArgumentException("unknown method " + method);
      }
      List<ScoredDoc> top = topK(c, scorer, split.start(), split.end(), CUTOFF);
      scoreNanos[m] = System.nanoTime() - t0;
      precision[m] = precisionAt(CUTOFF, top, judgments.keySet());
      ndcg[m] = TrecMetrics.evaluateQuery(top, judgments).ndcg10();
    }
    return new UserResult(precision, ndcg, scoreNanos, trainNanos, split.end() - split.start(),
        split.test().length, split.train().length, negatives.size());
  }

  /** The split of a reader's papers (corpus indices, oldest first); null when it fails. */
  private static Split split(Corpus c, Settings s, int[] papers) {
    Split test = splitOnce(c, s, papers, c.size());
    if (test == null || !s.validation()) {
      return test;
    }
    return splitOnce(c, s, test.train(), test.start());
  }

  /**
   * Holds out the newest papers of {@code papers} (all before {@code end}): candidates are the
   * corpus from the split date up to {@code end}.
   */
  private static Split splitOnce(Corpus c, Settings s, int[] papers, int end) {
    int n = papers.length;
    int held = Math.max(s.minTest(), (int) Math.round(s.holdout() * n));
    if (held >= n) {
      return null;
    }
    int splitDay = c.day[papers[n - held]];
    int trainCount = 0;
    while (trainCount < n && c.day[papers[trainCount]] < splitDay) {
      trainCount++;
    }
    if (trainCount < Recommender.MIN_POSITIVES) {
      return null; // every paper is on the split day or later
    }
    return new Split(Arrays.copyOfRange(papers, 0, trainCount),
        Arrays.copyOfRange(papers, trainCount, n), c.firstOnOrAfter(splitDay), end);
  }

  private static List<float[]> rows(Corpus c, int[] indices) {
    List<float[]> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(Arrays.copyOfRange(c.vectors, i * c.dim, (i + 1) * c.dim));
    }
    return out;
  }

  private static List<float[]> rows(Corpus c, List<Integer> indices) {
    return rows(c, indices.stream().mapToInt(Integer::intValue).toArray());
  }

  /** A method's score of corpus paper {@code paper} for one reader. */
  @FunctionalInterface
  interface Scorer {
    double score(int paper);
  }

  /**
   * The best {@code k} of papers {@code from} (inclusive) to {@code to} in trec_eval's order
   * (score descending, then id descending), best first; one pass, no sort of the whole range.
   */
  static List<ScoredDoc> topK(Corpus c, Scorer scorer, int from, int to, int k) {
    double[] scores = new double[k];
    int[] papers = new int[k];
    int size = 0;
    for (int i = from; i < to; i++) {
      double s = scorer.score(i);
      if (size == k && !before(c, s, i, scores[k - 1], papers[k - 1])) {
        continue;
      }
      int at = size == k ? k - 1 : size++;
      while (at > 0 && before(c, s, i, scores[at - 1], papers[at - 1])) {
        scores[at] = scores[at - 1];
        papers[at] = papers[at - 1];
        at--;
      }
      scores[at] = s;
      papers[at] = i;
    }
    List<ScoredDoc> out = new ArrayList<>(size);
    for (int j = 0; j < size; j++) {
      out.add(new ScoredDoc(c.ids[papers[j]], scores[j]));
    }
    return out;
  }

  /** Whether (s, paper i) ranks before (t, paper j) in trec_eval's order. */
  private static boolean before(Corpus c, double s, int i, double t, int j) {
    if (s != t) {
      return s > t;
    }
    return TrecMetrics.compareCodePoints(c.ids[i], c.ids[j]) > 0;
  }

  /** Relevant papers among the first {@code k} of {@code ranked}, divided by k (as trec_eval's P). */
  static double precisionAt(int k, List<ScoredDoc> ranked, Set<String> relevant) {
    int hits = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i).docId())) {
        hits++;
      }
    }
    return (double) hits / k;
  }
}
