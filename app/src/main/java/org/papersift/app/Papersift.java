package org.papersift.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.papersift.app.embed.EmbeddingFollower;
import org.papersift.app.embed.EmbeddingText;
import org.papersift.app.embed.StoredVectors;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import org.papersift.search.Fusion;
import org.papersift.search.IndexFollower;
import org.papersift.search.PaperIndex;
import org.papersift.search.Ranking;
import org.papersift.search.embed.Embedder;
import org.papersift.store.Database;
import org.papersift.store.Outbox;
import org.papersift.store.PaperStore;
import org.papersift.store.SqliteUserStore;
import org.papersift.store.SubscriptionStore;

/**
 * An open data directory: the store and the index built from it. Owns both; close it once.
 * Thread-safe as its parts are.
 */
public final class Papersift implements AutoCloseable {
  private final DataDir dir;
  private final Database database;
  private final PaperStore store;
  private final PaperIndex index;
  private final SemanticSettings semantic;
  private final StoredVectors vectors;
  private final Fusion fusion;
  private Embedder embedder;
  private SqliteUserStore users;
  private SubscriptionStore subscriptions;
  private Outbox outbox;
  private volatile boolean semanticReady;
  /** Until when (System.nanoTime) a "no vectors yet" answer is trusted without asking again. */
  private volatile long notReadyUntil = System.nanoTime();
  /** How long "no vectors yet" is trusted: asking per query queued every search on the store. */
  public static final long NOT_READY_RECHECK_NANOS = 1_000_000_000L;

  private Papersift(DataDir dir, Database database, PaperStore store, PaperIndex index,
      SemanticSettings semantic, Fusion fusion) {
    this.dir = dir;
    this.database = database;
    this.store = store;
    this.index = index;
    this.semantic = semantic;
    this.vectors = new StoredVectors(store, semantic.model().id(), semantic.maxTokens());
    this.fusion = fusion;
  }

  public static Papersift open(DataDir dir, Ranking ranking, SemanticSettings semantic,
      Fusion fusion) {
    return open(dir, ranking, semantic, fusion, PaperIndex.DEFAULT_RAM_BUFFER_MB);
  }

  /** As above, with {@code indexRamMb} of indexing buffer (bulk builds of large corpora). */
  public static Papersift open(DataDir dir, Ranking ranking, SemanticSettings semantic,
      Fusion fusion, int indexRamMb) {
    Database database = Database.open(dir.database());
    PaperStore store = new PaperStore(database);
    try {
      return new Papersift(dir, database, store,
          PaperIndex.open(dir.index(), ranking, semantic.vectorFormat(), indexRamMb), semantic,
          fusion);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public static Papersift open(DataDir dir, Ranking ranking) {
    SemanticSettings semantic = SemanticSettings.fromEnvironment(System.getenv());
    return open(dir, ranking, semantic, semantic.fusion());
  }

  public static Papersift open(DataDir dir) {
    return open(dir, Ranking.DEFAULT);
  }

  public SemanticSettings semantic() {
    return semantic;
  }

  /** The embedding model, loaded on first use (about a second); owned by this object. */
  public synchronized Embedder embedder() {
    if (embedder == null) {
      embedder = Embedder.open(semantic.model(), semantic.maxTokens(),
          Runtime.getRuntime().availableProcessors());
    }
    return embedder;
  }

  /**
   * Whether any paper has a vector of the configured model yet. Once true it stays true (vectors
   * are not deleted), so after that it costs nothing per query; "not yet" is asked again at most
   * once a second (another process may be embedding), and after every catch-up of this one.
   */
  private boolean semanticReady() {
    if (!semanticReady) {
      long now = System.nanoTime();
      if (now - notReadyUntil < 0) {
        return false;
      }
      semanticReady = store.hasVectors(semantic.model().id());
      notReadyUntil = now + NOT_READY_RECHECK_NANOS;
    }
    return semanticReady;
  }

  /** Papers with a vector of the configured model. */
  public long embeddedCount() {
    return store.vectorCount(semantic.model().id());
  }

  /** Papers a catch-up must bring in for {@code serve} to merge the index after it. */
  public static final long BULK_CHANGES = 10_000;

  /**
   * Merges the index into one segment when {@code changed} &ge; {@code threshold} papers (a bulk
   * import or embedding run) have just gone in and it has more than one segment: a bulk leaves
   * many, and every search pays for each (on the embedded sample, HNSW search was a third of the
   * search page's CPU before merging, and p99 fell from 100 to 50 ms after). Searches keep
   * running meanwhile.
   *
   * @return the segments there were before merging, or 0 when it did not merge
   */
  public int mergeAfterBulk(long changed, long threshold) {
    if (changed < threshold || !index.writable()) {
      return 0;
    }
    int before = index.segments();
    if (before <= 1) {
      return 0;
    }
    index.optimize(1);
    return before;
  }

  /** Embeds what is pending, then brings the index up (with the new vectors). */
  public long catchUpEmbeddings(LongConsumer progress) {
    long n = new EmbeddingFollower(store, embedder()).catchUp(progress);
    catchUpIndex(x -> { });
    return n;
  }

  /**
   * Searches in {@code mode}. Dense and hybrid need vectors: with none stored yet they answer
   * with keyword search and a note saying how to get semantic search.
   */
  public SearchResult search(SearchQuery query, SearchMode mode) {
    return search(query, mode, text -> embedder().embedQuery(text));
  }

  /**
   * As {@link #search(SearchQuery, SearchMode)}, with the query's vector from {@code embedQuery}
   * (the web site's cache of recent queries), asked only when the mode needs one.
   */
  public SearchResult search(SearchQuery query, SearchMode mode,
      Function<String, float[]> embedQuery) {
    if (mode == SearchMode.BM25 || query.text().isEmpty()) {
      return index.search(query);
    }
    if (!semanticReady()) {
      SearchResult r = index.search(query);
      List<String> notes = new ArrayList<>(r.notes());
      notes.add("semantic search is not ready (no paper embedded with " + semantic.model().id()
          + " yet; run 'papersift embed' or keep 'papersift serve' running): keyword results");
      return new SearchResult(r.hits(), r.totalMatches(), notes);
    }
    float[] vector = embedQuery.apply(query.text());
    return mode == SearchMode.DENSE
        ? index.searchDense(query, vector, null)
        : index.searchHybrid(query, vector, fusion, null);
  }

  public DataDir dir() {
    return dir;
  }

  public PaperStore store() {
    return store;
  }

  public PaperIndex index() {
    return index;
  }

  /** Readers' accounts, sessions, votes and libraries, in the same database; opened on first use. */
  public synchronized SqliteUserStore users() {
    if (users == null) {
      users = new SqliteUserStore(database);
    }
    return users;
  }

  /** Digest subscribers and topic alerts, in the same database; opened on first use. */
  public synchronized SubscriptionStore subscriptions() {
    if (subscriptions == null) {
      subscriptions = new SubscriptionStore(database);
    }
    return subscriptions;
  }

  /** The mail papersift means to send, in the same database; opened on first use. */
  public synchronized Outbox outbox() {
    if (outbox == null) {
      outbox = new Outbox(database);
    }
    return outbox;
  }

  /**
   * A topic alert's search ({@link PaperIndex#searchAlert}): papers matching every positive term
   * and the filters, ranked by hybrid search when papers have vectors, by keywords otherwise.
   */
  public SearchResult searchAlert(SearchQuery query) {
    float[] vector = !query.text().isEmpty() && semanticReady()
        ? embedder().embedQuery(query.text()) : null;
    return index.searchAlert(query, vector, fusion);
  }

  /** Brings the index up to the store; returns the number of papers (re)indexed. */
  public long catchUpIndex(LongConsumer progress) {
    long n = new IndexFollower(store, index, vectors).catchUp(progress);
    index.refresh();
    notReadyUntil = System.nanoTime();
    return n;
  }

  /**
   * Papers like {@code paperId} (its vector and its words, fused as in hybrid search), or like
   * {@code text} when no id is given; the paper itself is left out. Filters of {@code scope}
   * apply; its text is ignored.
   */
  public SearchResult similar(String paperId, String text, SearchQuery scope) {
    String words;
    float[] vector = null;
    if (paperId != null) {
      Paper p = store.find(paperId).orElseThrow(() ->
          new IllegalArgumentException("no paper with id " + paperId + " is stored"));
      words = EmbeddingText.of(p);
      float[] cached = vectors.vectorsFor(List.of(p)).get(p.id());
      if (cached != null) {
        vector = cached;
      } else if (semanticReady()) {
        vector = embedder().embedPassage(words);
      }
    } else {
      words = text;
      if (semanticReady()) {
        vector = embedder().embedPassage(text);
      }
    }
    SearchResult r = index.searchSimilar(scope, words, vector, fusion, paperId);
    if (vector != null) {
      return r;
    }
    List<String> notes = new ArrayList<>(r.notes());
    notes.add("no paper is embedded yet: similar by words only");
    return new SearchResult(r.hits(), r.totalMatches(), notes);
  }

  /** The index's source of vectors: the store's cache for the configured model. */
  public StoredVectors vectors() {
    return vectors;
  }

  @Override
  public synchronized void close() {
    try {
      if (embedder != null) {
        embedder.close();
      }
      index.close();
    } finally {
      try {
        if (users != null) {
          users.close();
        }
        if (subscriptions != null) {
          subscriptions.close();
        }
        if (outbox != null) {
          outbox.close();
        }
      } finally {
        store.close();
      }
    }
  }
}
