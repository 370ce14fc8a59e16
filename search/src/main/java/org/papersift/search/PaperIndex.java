package org.papersift.search;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.papersift.core.paper.Change;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;

/**
 * The Lucene index of papers. Each commit records the store's change sequence it reflects
 * ({@value #SEQ_KEY} in the commit user data), which is how {@link IndexFollower} resumes after a
 * crash: documents and sequence are committed atomically, so the index never claims a change it
 * lost.
 *
 * <p>Owns the one {@link IndexWriter} of the directory (when another process holds the write
 * lock, it opens read-only and {@link #writable()} is false) and a {@link SearcherManager}.
 * Thread-safe.
 */
public final class PaperIndex implements AutoCloseable {
  static final String SEQ_KEY = "papersift.change_seq";
  /** The layout of the documents ({@link #FORMAT}) in the commit user data; absent means 1. */
  static final String FORMAT_KEY = "papersift.index_format";
  /**
   * What a document holds. An index written in another format is rebuilt from the store by the
   * next catch-up ({@link #outdated()}). 2: id and title as doc values ({@link HitFields}).
   */
  static final int FORMAT = 2;
  /**
   * Hits are counted exactly up to this many; past it the count is a lower bound. Counting
   * every match would stop Lucene from skipping non-competitive documents (MaxScore), which
   * is most of a query's cost on a large corpus.
   */
  static final int COUNT_EXACTLY_UP_TO = 100;
  /** INT8: candidates fetched per result before rescoring at full precision. */
  static final int INT8_OVERSAMPLE = 3;
  private static final Sort NEWEST_FIRST =
      new Sort(new SortField(PaperFields.DAY_SORT, SortField.Type.LONG, true));

  private final Path path;
  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final QueryTranslator translator;
  private final Analyzer analyzer;
  private final VectorFormat vectorFormat;
  private static final int INDEX_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Batches this large are indexed on every core; smaller ones on one. */
  private static final int SPREAD_FROM = 256;
  private volatile long appliedSeq;
  /** The format of the documents committed, {@link #FORMAT} once rebuilt. */
  private volatile int format;
  /** Started by the first batch; written under the lock, read without. */
  private volatile IndexingThreads threads;
  private boolean closed;

  private PaperIndex(Path path, Directory dir, IndexWriter writer, SearcherManager searchers,
      Ranking ranking, Analyzer analyzer, Map<String, String> commitData,
      VectorFormat vectorFormat) {
    this.vectorFormat = vectorFormat;
    this.path = path;
    this.dir = dir;
    this.writer = writer;
    this.searchers = searchers;
    this.translator = new QueryTranslator(analyzer, ranking);
    this.analyzer = analyzer;
    this.appliedSeq = Long.parseLong(commitData.getOrDefault(SEQ_KEY, "0"));
    // A new index is written in the current format; a committed one without the key is format 1.
    this.format = commitData.isEmpty() ? FORMAT
        : Integer.parseInt(commitData.getOrDefault(FORMAT_KEY, "1"));
  }

  /** Opens or creates the index in {@code path}; read-only if another process is writing it. */
  public static PaperIndex open(Path path, Ranking ranking) {
    return open(path, ranking, VectorFormat.FLOAT32);
  }

  /** As {@link #open(Path, Ranking)}, storing new vectors in {@code vectorFormat}. */
  public static PaperIndex open(Path path, Ranking ranking, VectorFormat vectorFormat) {
    return open(path, ranking, vectorFormat, DEFAULT_RAM_BUFFER_MB);
  }

  /**
   * Documents buffered before a segment is written. Small keeps memory and the final flush
   * short; a bulk build of a large corpus wants it large, because merging segments rebuilds
   * their HNSW graphs.
   */
  public static final int DEFAULT_RAM_BUFFER_MB = 32;
  /** Words of a paper that a similar-papers query keeps (see {@link #searchSimilar}). */
  public static final int SIMILAR_TERMS = 25;

  /** As {@link #open(Path, Ranking, VectorFormat)}, with {@code ramBufferMb} of indexing buffer. */
  public static PaperIndex open(Path path, Ranking ranking, VectorFormat vectorFormat,
      int ramBufferMb) {
    Analyzer analyzer = PaperFields.analyzer();
    BM25Similarity similarity = new BM25Similarity(ranking.k1(), ranking.b());
    SearcherFactory factory = new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
          org.apache.lucene.index.IndexReader previous) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setSimilarity(similarity);
        return s;
      }
    };
    Directory dir = null;
    try {
      Files.createDirectories(path);
      dir = FSDirectory.open(path);
      KnnVectorsFormat vectors = vectorFormat.luceneFormat();
      IndexWriterConfig config = new IndexWriterConfig(analyzer)
          .setCodec(new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
              return vectors;
            }
          })
          .setSimilarity(similarity)
          .setRAMBufferSizeMB(ramBufferMb)
          // Flushed segments are written once, not copied again into a compound file.
          .setUseCompoundFile(false)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setCommitOnClose(false);
      IndexWriter writer;
      try {
        writer = new IndexWriter(dir, config);
      } catch (LockObtainFailedException locked) {
        if (!DirectoryReader.indexExists(dir)) {
          throw new IndexException("index " + path + " is locked by another process and has no"
              + " commit yet", locked);
        }
        return new PaperIndex(path, dir, null, new SearcherManager(dir, factory), ranking,
            analyzer, commitData(dir), vectorFormat);
      }
      if (!DirectoryReader.indexExists(dir)) {
        // An empty first commit at once: until there is one, no other process can open the index
        // read-only, and every other command would fail while `serve` runs on a new data directory.
        try {
          writer.setLiveCommitData(Map.of(SEQ_KEY, "0", FORMAT_KEY, Integer.toString(FORMAT))
              .entrySet());
          writer.commit();
        } catch (IOException e) {
          writer.rollback();
          throw e;
        }
      }
      return new PaperIndex(path, dir, writer, new SearcherManager(writer, factory), ranking,
          analyzer, commitData(dir), vectorFormat);
    } catch (IOException e) {
      closeQuietly(dir);
      throw new IndexException("cannot open index " + path, e);
    }
  }

  /** The user data of the latest commit; empty when there is none. */
  private static Map<String, String> commitData(Directory dir) throws IOException {
    if (!DirectoryReader.indexExists(dir)) {
      return Map.of();
    }
    return SegmentInfos.readLatestCommit(dir).getUserData();
  }

  public boolean writable() {
    return writer != null;
  }

  /** The store change sequence this index reflects once its pending changes are committed. */
  public long appliedSeq() {
    return appliedSeq;
  }

  /**
   * Whether the documents were written by an older papersift in another layout: searches still
   * work (more slowly), and {@link IndexFollower} rebuilds the index from the store.
   */
  public boolean outdated() {
    return format != FORMAT;
  }

  /**
   * Adds or replaces the changed papers and waits until they are in the writer; visible to search
   * after {@link #refresh()}.
   */
  public void apply(List<Change> batch) {
    apply(batch, VectorLookup.NONE);
  }

  /** As {@link #apply(List)}, with each paper's vector, if it has one, for semantic search. */
  public void apply(List<Change> batch, VectorLookup vectors) {
    applyInBackground(batch, vectors);
    drain();
  }

  /**
   * Hands the changed papers to the indexing threads and returns at once (waiting only while
   * their queue is full), so the caller can read or store the next batch meanwhile. {@link
   * #commit()} and {@link #refresh()} wait for them first; a failure is thrown by the next call.
   * Analysis is the cost of indexing, so every core indexes; {@link IndexingThreads} keeps two
   * changes of one paper in order.
   */
  public void applyInBackground(List<Change> batch, VectorLookup vectors) {
    requireWritable();
    if (batch.isEmpty()) {
      return;
    }
    Map<String, float[]> vectorOf = vectors.vectorsFor(batch.stream().map(Change::paper).toList());
    IndexingThreads threads = threads();
    // A small batch is one task: spread over every thread it would write a tiny segment per
    // thread at the next commit. A large one is cut in a few tasks per thread, so that all
    // threads finish at about the same time.
    int tasks = batch.size() >= SPREAD_FROM ? 2 * threads.threads() : 1;
    int size = (batch.size() + tasks - 1) / tasks;
    long max = appliedSeq;
    try {
      for (int from = 0; from < batch.size(); from += size) {
        List<Change> task = batch.subList(from, Math.min(batch.size(), from + size));
        List<String> ids = new ArrayList<>(task.size());
        for (Change c : task) {
          ids.add(c.paper().id());
          max = Math.max(max, c.seq());
        }
        threads.submit(ids, () -> applySerially(task, vectorOf));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while indexing in " + path, e);
    }
    appliedSeq = max;
  }

  private void applySerially(List<Change> changes, Map<String, float[]> vectorOf) {
    try {
      for (Change c : changes) {
        writer.updateDocument(new Term(PaperFields.ID, c.paper().id()),
            PaperFields.toDocument(c.paper(), vectorOf.get(c.paper().id())));
      }
    } catch (IOException e) {
      throw new IndexException("cannot index papers in " + path, e);
    }
  }

  /** Waits for the indexing threads to finish what they were given. */
  private void drain() {
    IndexingThreads threads = this.threads;
    if (threads == null) {
      return;
    }
    try {
      threads.drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while indexing in " + path, e);
    }
  }

  /**
   * Writes the in-memory segments of every indexing thread on all cores before a commit, which
   * would otherwise write them one after another on the committing thread: at the end of a bulk
   * load that serial flush is the last second of the job.
   */
  private void flushInParallel() {
    drain();
    IndexingThreads threads = this.threads;
    if (threads == null) {
      return;
    }
    Runnable flushAll = () -> {
      try {
        while (writer.flushNextBuffer()) {
          // keep flushing while another buffer is waiting
        }
      } catch (IOException e) {
        throw new IndexException("cannot write index segments in " + path, e);
      }
    };
    try {
      for (int i = 1; i < threads.threads(); i++) {
        threads.submit(List.of(), flushAll);
      }
      flushAll.run();
      threads.drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while writing index segments in " + path, e);
    }
  }

  private synchronized IndexingThreads threads() {
    if (closed) {
      throw new IndexException("index " + path + " is closed", null);
    }
    if (threads == null) {
      threads = new IndexingThreads(INDEX_THREADS, "index");
    }
    return threads;
  }

  /**
   * Drops every document and forgets the sequence: used when the store is older than the index
   * (restored from a backup, or replaced) or the index is {@link #outdated()}, so the index is
   * rebuilt from the store.
   */
  public void reset() {
    requireWritable();
    drain();
    try {
      writer.deleteAll();
      appliedSeq = 0;
      format = FORMAT;
    } catch (IOException e) {
      throw new IndexException("cannot clear index " + path, e);
    }
  }

  /** Makes everything applied durable, together with the sequence it reflects. */
  public void commit() {
    requireWritable();
    flushInParallel();
    try {
      writer.setLiveCommitData(Map.of(SEQ_KEY, Long.toString(appliedSeq),
          FORMAT_KEY, Integer.toString(format)).entrySet());
      writer.commit();
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new IndexException("cannot commit index " + path, e);
    }
  }

  /**
   * Merges the index into {@code maxSegments} segments and commits. Searching one segment costs
   * about half of searching ten (measured: BM25 p50 1.6 ms -> 0.8 ms on the sample); merging
   * rebuilds the HNSW graphs, so it takes a while on a large index (16 s for the 74,728-paper
   * sample with vectors). Searches keep running on the old segments meanwhile.
   */
  public void optimize(int maxSegments) {
    requireWritable();
    drain();
    try {
      writer.forceMerge(maxSegments);
      commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new IndexException("cannot merge index " + path, e);
    }
  }

  /** Segments in the index as searched now. */
  public int segments() {
    return withSearcher(s -> s.getIndexReader().leaves().size());
  }

  /** Makes what was applied visible to search (waiting for the indexing threads first). */
  public void refresh() {
    drain();
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new IndexException("cannot refresh index " + path, e);
    }
  }

  /** Papers visible to search. */
  public int count() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  public SearchResult search(SearchQuery query) {
    QueryTranslator.Translated t = translator.translate(query);
    return withSearcher(s -> {
      TopDocs top = t.ranked()
          ? s.search(t.query(), new TopScoreDocCollectorManager(query.limit(), COUNT_EXACTLY_UP_TO))
          : s.search(t.query(), query.limit(), NEWEST_FIRST);
      HitFields.IdTitle[] fields = HitFields.read(s.getIndexReader(), docs(top));
      List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
      for (int i = 0; i < fields.length; i++) {
        hits.add(new Hit(fields[i].id(), fields[i].title(),
            t.ranked() ? top.scoreDocs[i].score : 0f));
      }
      return new SearchResult(hits, top.totalHits.value(), t.notes());
    });
  }

  /**
   * Nearest papers to {@code vector} (a query or paper embedding) among those that pass the
   * query's filters; the text of the query is not used. Papers not embedded yet cannot be found.
   */
  public SearchResult searchDense(SearchQuery query, float[] vector, String excludeId) {
    List<Fusion.Scored> ranked = denseCandidates(query, vector, query.limit() + 1);
    List<Hit> hits = new ArrayList<>();
    for (Fusion.Scored s : ranked) {
      if (!s.id().equals(excludeId) && hits.size() < query.limit()) {
        hits.add(new Hit(s.id(), s.title(), s.score()));
      }
    }
    return new SearchResult(hits, hits.size(), List.of());
  }

  /**
   * Keyword and vector rankings of the same query, fused. Without text (filters only) this is the
   * keyword search, newest first.
   */
  public SearchResult searchHybrid(SearchQuery query, float[] vector, Fusion fusion,
      String excludeId) {
    if (query.text().isEmpty()) {
      return search(query);
    }
    int depth = Math.min(Math.max(fusion.depth(), query.limit() + 1), SearchQuery.MAX_LIMIT);
    QueryTranslator.Translated t = translator.translate(query);
    Query knn = knnQuery(query, vector, depth);
    return withSearcher(s -> {
      // Both rankings on one searcher, fused by Lucene doc id; stored fields are read only for
      // the hits returned, not for the 2 x depth candidates.
      TopDocs keyword = s.search(t.query(),
          new TopScoreDocCollectorManager(depth, COUNT_EXACTLY_UP_TO));
      TopDocs dense = s.search(knn, depth);
      List<Fusion.Scored> fused = fusion.fuse(byDoc(keyword), byDoc(dense));
      List<Hit> hits = hitsOf(s, fused, query.limit(), excludeId);
      return new SearchResult(hits, Math.max(keyword.totalHits.value(), hits.size()),
          t.notes());
    });
  }

  /**
   * A saved search (topic alert): papers that match every positive term of the query's text
   * (title or abstract), none of its negative terms, and its filters (see {@link
   * QueryTranslator#translateAllTerms}); at most {@code query.limit()} of them. Ranked by BM25, or,
   * with a {@code vector} (the query's embedding), by the hybrid fusion of BM25 and vector
   * similarity over the same matching papers: the vectors rank, the words decide what matches.
   *
   * @throws org.papersift.core.query.InvalidQueryException when the text cannot run as an alert
   *     (see {@link #checkAlert})
   */
  public SearchResult searchAlert(SearchQuery query, float[] vector, Fusion fusion) {
    Query matching = translator.translateAllTerms(query);
    boolean ranked = !query.text().isEmpty();
    if (vector == null || !ranked) {
      return withSearcher(s -> {
        TopDocs top = ranked
            ? s.search(matching, new TopScoreDocCollectorManager(query.limit(),
                COUNT_EXACTLY_UP_TO))
            : s.search(matching, query.limit(), NEWEST_FIRST);
        List<Fusion.Scored> docs = byDoc(top);
        return new SearchResult(hitsOf(s, docs, query.limit(), null), top.totalHits.value(),
            List.of());
      });
    }
    int depth = Math.min(Math.max(fusion.depth(), query.limit() + 1), SearchQuery.MAX_LIMIT);
    // the vector search only among the matching papers: it ranks them, it admits none
    Query knn = vectorFormat == VectorFormat.INT8
        ? RescoreTopNQuery.createFullPrecisionRescorerQuery(new KnnFloatVectorQuery(
            PaperFields.VECTOR, vector, depth * INT8_OVERSAMPLE, matching), vector,
            PaperFields.VECTOR, depth)
        : new KnnFloatVectorQuery(PaperFields.VECTOR, vector, depth, matching);
    return withSearcher(s -> {
      TopDocs keyword = s.search(matching,
          new TopScoreDocCollectorManager(depth, COUNT_EXACTLY_UP_TO));
      if (keyword.scoreDocs.length == 0) {
        return new SearchResult(List.of(), 0, List.of());
      }
      TopDocs dense = s.search(knn, depth);
      List<Fusion.Scored> fused = fusion.fuse(byDoc(keyword), byDoc(dense));
      return new SearchResult(hitsOf(s, fused, query.limit(), null),
          keyword.totalHits.value(), List.of());
    });
  }

  /**
   * Checks that a query can run as a topic alert ({@link #searchAlert}) without running it.
   *
   * @throws org.papersift.core.query.InvalidQueryException saying what is wrong
   */
  public void checkAlert(SearchQuery query) {
    translator.translateAllTerms(query);
  }

  /**
   * Papers like the given text (a paper's title and abstract): its most telling words, at most
   * {@link #SIMILAR_TERMS} picked by tf-idf against this index as MoreLikeThis does, rather than
   * every word, so the query stays cheap enough for every paper page; fused with the nearest
   * vectors when {@code vector} is given. The scope's filters apply; {@code excludeId} is left out.
   */
  public SearchResult searchSimilar(SearchQuery scope, String text, float[] vector, Fusion fusion,
      String excludeId) {
    int depth = vector == null ? Math.min(scope.limit() + 1, SearchQuery.MAX_LIMIT)
        : Math.min(Math.max(fusion.depth(), scope.limit() + 1), SearchQuery.MAX_LIMIT);
    Query filter = translator.filterOnly(scope);
    Query knn = vector == null ? null : knnQuery(scope, vector, depth);
    return withSearcher(s -> {
      MoreLikeThis mlt = new MoreLikeThis(s.getIndexReader());
      mlt.setAnalyzer(analyzer);
      mlt.setFieldNames(new String[] {PaperFields.ABSTRACT});
      mlt.setMaxQueryTerms(SIMILAR_TERMS);
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(2);
      Query words = mlt.like(PaperFields.ABSTRACT, new StringReader(text));
      if (filter != null) {
        words = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST)
            .add(filter, BooleanClause.Occur.FILTER).build();
      }
      TopDocs keyword = s.search(words, depth);
      List<Fusion.Scored> ranked = knn == null ? byDoc(keyword)
          : fusion.fuse(byDoc(keyword), byDoc(s.search(knn, depth)));
      List<Hit> hits = hitsOf(s, ranked, scope.limit(), excludeId);
      return new SearchResult(hits, hits.size(), List.of());
    });
  }

  /** The first {@code limit} of the ranked docs but {@code excludeId}, with id and title. */
  private static List<Hit> hitsOf(IndexSearcher s, List<Fusion.Scored> ranked, int limit,
      String excludeId) throws IOException {
    // At most one doc is excluded, so the first limit + 1 are enough.
    List<Fusion.Scored> head = ranked.subList(0, Math.min(ranked.size(), limit + 1));
    int[] docs = head.stream().mapToInt(f -> Integer.parseInt(f.id())).toArray();
    HitFields.IdTitle[] fields = HitFields.read(s.getIndexReader(), docs);
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < fields.length && hits.size() < limit; i++) {
      if (!fields[i].id().equals(excludeId)) {
        hits.add(new Hit(fields[i].id(), fields[i].title(), head.get(i).score()));
      }
    }
    return hits;
  }

  private static int[] docs(TopDocs top) {
    int[] docs = new int[top.scoreDocs.length];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = top.scoreDocs[i].doc;
    }
    return docs;
  }

  private static List<Fusion.Scored> byDoc(TopDocs top) {
    List<Fusion.Scored> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      out.add(new Fusion.Scored(Integer.toString(sd.doc), null, sd.score));
    }
    return out;
  }

  private Query knnQuery(SearchQuery query, float[] vector, int k) {
    Query filter = translator.filterOnly(query);
    if (vectorFormat == VectorFormat.INT8) {
      // Quantized scores are approximate: take more candidates, rescore them with the floats.
      return RescoreTopNQuery.createFullPrecisionRescorerQuery(
          new KnnFloatVectorQuery(PaperFields.VECTOR, vector, k * INT8_OVERSAMPLE, filter),
          vector, PaperFields.VECTOR, k);
    }
    return new KnnFloatVectorQuery(PaperFields.VECTOR, vector, k, filter);
  }

  private List<Fusion.Scored> denseCandidates(SearchQuery query, float[] vector, int k) {
    Query knn = knnQuery(query, vector, k);
    return withSearcher(s -> {
      TopDocs top = s.search(knn, k);
      HitFields.IdTitle[] fields = HitFields.read(s.getIndexReader(), docs(top));
      List<Fusion.Scored> out = new ArrayList<>(fields.length);
      for (int i = 0; i < fields.length; i++) {
        out.add(new Fusion.Scored(fields[i].id(), fields[i].title(), top.scoreDocs[i].score));
      }
      return out;
    });
  }

  private interface SearcherWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    IndexSearcher s;
    try {
      s = searchers.acquire();
    } catch (IOException e) {
      throw new IndexException("cannot open a searcher on " + path, e);
    }
    try {
      return work.run(s);
    } catch (IOException e) {
      throw new IndexException("search failed in " + path, e);
    } finally {
      try {
        searchers.release(s);
      } catch (IOException e) {
        throw new IndexException("cannot release a searcher on " + path, e);
      }
    }
  }

  private void requireWritable() {
    if (writer == null) {
      throw new IndexException("index " + path + " is open read-only: another papersift process"
          + " is writing it", null);
    }
  }

  /** Closes without committing what was applied since the last commit (as a crash would). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (threads != null) {
      threads.stop();
    }
    try {
      searchers.close();
      if (writer != null) {
        writer.rollback();
      }
      dir.close();
    } catch (IOException e) {
      throw new IndexException("cannot close index " + path, e);
    }
  }

  private static void closeQuietly(Directory dir) {
    if (dir != null) {
      try {
        dir.close();
      } catch (IOException ignored) {
        // reporting the open failure matters more
      }
    }
  }
}
