package org.papersift.app.recommend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.papersift.app.Papersift;
import org.papersift.core.account.LibraryEntry;
import org.papersift.core.account.UserStore;
import org.papersift.core.account.Vote;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.recommend.Recommender;
import org.papersift.core.recommend.UserModel;
import org.papersift.search.PaperIndex;
import org.papersift.store.PaperStore;

/**
 * "For you": each reader's papers (library and upvotes) are the positives of a linear model over
 * the stored vectors of the configured embedding model, against negatives sampled from the
 * {@value #NEGATIVE_POOL} newest embedded papers (seeded by the reader's id, so a retraining on
 * the same papers gives the same model). Candidates are the index's nearest papers to the
 * model's weight direction (HNSW, {@value #CANDIDATES} of them, the reader's own papers left
 * out), ranked by the model's score.
 *
 * <p>A trained model is kept in memory per reader with a fingerprint of the positives (their ids
 * that have vectors, and the model id), and retrained only when that changes: a save, an unsave,
 * a vote, an unvote, or one of the papers getting its vector. At most {@value #CACHED_USERS}
 * models are kept (least recently used go first; one is 1.5 KB at 384 dimensions).
 *
 * <p>Does not own the store, the index or the accounts (the caller closes them). Thread-safe: two
 * first requests of one reader may both train (same result); the cache is guarded by a lock that
 * is never held while training.
 */
public final class Recommendations {
  /** Papers the negatives are drawn from: the newest embedded ones, what a reader would see. */
  public static final int NEGATIVE_POOL = 5_000;
  /** Nearest papers to the model direction that are scored; more than any page shows. */
  public static final int CANDIDATES = 300;
  /** Readers whose models are kept in memory. */
  public static final int CACHED_USERS = 10_000;
  public static final String TOO_FEW = "save or upvote a few papers to get recommendations";

  /** A recommended paper and its model score (higher first; comparable within one list only). */
  public record Recommended(String paperId, double score) {}

  /**
   * A reader's recommendations, best first.
   *
   * @param positives the reader's papers the model learned from (those with vectors)
   * @param notes what the reader should know: too few papers, papers not embedded yet
   */
  public record ForYou(List<Recommended> papers, int positives, List<String> notes) {
    public ForYou {
      papers = List.copyOf(papers);
      notes = List.copyOf(notes);
    }
  }

  private record Trained(String fingerprint, UserModel model) {}

  private final PaperStore store;
  private final UserStore users;
  private final PaperIndex index;
  private final String model;
  private final Recommender recommender;
  private final Map<Long, Trained> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Trained> eldest) {
      return size() > CACHED_USERS;
    }
  };
  private final AtomicLong trainings = new AtomicLong();

  public Recommendations(PaperStore store, UserStore users, PaperIndex index, String model,
      Recommender recommender) {
    this.store = store;
    this.users = users;
    this.index = index;
    this.model = model;
    this.recommender = recommender;
  }

  /** Over an open data directory, with its configured embedding model and the product settings. */
  public Recommendations(Papersift app) {
    this(app.store(), app.users(), app.index(), app.semantic().model().id(), new Recommender());
  }

  /**
   * Up to {@code limit} papers for the reader, best first, none of them the reader's own; only
   * papers published on or after {@code since} when it is given (a digest's period).
   */
  public ForYou forYou(long userId, int limit, LocalDate since) {
    if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + SearchQuery.MAX_LIMIT
          + ", got " + limit);
    }
    Set<String> own = ownPapers(userId);
    if (own.isEmpty()) {
      return new ForYou(List.of(), 0, List.of(TOO_FEW));
    }
    Map<String, PaperStore.StoredVector> vectors = store.vectors(model, own);
    List<String> notes = new ArrayList<>();
    int missing = own.size() - vectors.size();
    if (missing > 0) {
      notes.add(missing + " of your " + own.size() + " papers " + (missing == 1 ? "has" : "have")
          + " no " + model + " vector yet and " + (missing == 1 ? "is" : "are")
          + " left out until embedded");
    }
    if (vectors.size() < Recommender.MIN_POSITIVES) {
      notes.add(TOO_FEW);
      return new ForYou(List.of(), 0, notes);
    }
    UserModel m = model(userId, new TreeSet<>(vectors.keySet()), vectors, own);
    if (m == null) {
      notes.add("no other paper has a " + model + " vector yet: nothing to recommend");
      return new ForYou(List.of(), vectors.size(), notes);
    }
    return new ForYou(rank(m, own, limit, since), vectors.size(), notes);
  }

  /** How many models were trained since start (each cache miss); for tests and status. */
  public long trainings() {
    return trainings.get();
  }

  /** Library and upvoted papers. */
  private Set<String> ownPapers(long userId) {
    Set<String> own = new TreeSet<>();
    for (LibraryEntry e : users.library(userId, 0, users.librarySize(userId))) {
      own.add(e.paperId());
    }
    for (Vote v : users.votesOf(userId)) {
      own.add(v.paperId());
    }
    return own;
  }

  /** The cached model when the positives are unchanged, else a new one; null without negatives. */
  private UserModel model(long userId, TreeSet<String> positives,
      Map<String, PaperStore.StoredVector> vectors, Set<String> own) {
    String fingerprint = fingerprint(positives);
    synchronized (cache) {
      Trained t = cache.get(userId);
      if (t != null && t.fingerprint().equals(fingerprint)) {
        return t.model();
      }
    }
    List<String> negativeIds = Recommender.sampleNegatives(
        store.newestWithVectors(model, NEGATIVE_POOL), own,
        recommender.negativeCount(positives.size()), userId);
    if (negativeIds.isEmpty()) {
      return null;
    }
    List<float[]> pos = new ArrayList<>(positives.size());
    for (String id : positives) {
      pos.add(vectors.get(id).vector());
    }
    List<float[]> neg = new ArrayList<>(negativeIds.size());
    for (PaperStore.StoredVector v : store.vectors(model, negativeIds).values()) {
      neg.add(v.vector());
    }
    UserModel m = recommender.train(pos, neg).orElseThrow();
    trainings.incrementAndGet();
    synchronized (cache) {
      cache.put(userId, new Trained(fingerprint, m));
    }
    return m;
  }

  private List<Recommended> rank(UserModel m, Set<String> own, int limit, LocalDate since) {
    int depth = Math.max(limit, CANDIDATES);
    // The reader's own papers are near the direction too: ask for enough to drop them.
    int k = (int) Math.min(SearchQuery.MAX_LIMIT, (long) depth + own.size());
    SearchQuery query = new SearchQuery("", List.of(), List.of(), since, null, k);
    List<String> ids = new ArrayList<>();
    for (Hit h : index.searchDense(query, m.direction(), null).hits()) {
      if (!own.contains(h.id()) && ids.size() < depth) {
        ids.add(h.id());
      }
    }
    // Exact scores from the stored floats (the index may hold int8 vectors).
    List<Recommended> out = new ArrayList<>(ids.size());
    store.vectors(model, ids).forEach((id, v) -> out.add(new Recommended(id, m.score(v.vector()))));
    out.sort(Comparator.comparingDouble(Recommended::score).reversed()
        .thenComparing(Recommended::paperId));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  /** The model id and the sorted positive ids, hashed: equal exactly when the positives are. */
  private String fingerprint(TreeSet<String> positives) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model.getBytes(StandardCharsets.UTF_8));
      for (String id : positives) {
        sha.update((byte) '\n');
        sha.update(id.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
