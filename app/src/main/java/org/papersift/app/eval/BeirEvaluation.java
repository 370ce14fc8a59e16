package org.papersift.app.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.SemanticSettings;
import org.papersift.app.ingest.IngestPipeline;
import org.papersift.app.ingest.IngestTotals;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.search.Fusion;
import org.papersift.search.Ranking;

/**
 * Indexes a BEIR collection through the product's own ingest and search code, in a data directory
 * of its own, and scores every query. Documents get internal ids ("b0", "b1", ...) because BEIR
 * ids need not be valid paper ids; the run maps them back. Owns the data directory's Papersift
 * while open.
 */
public final class BeirEvaluation implements AutoCloseable {
  /** Each query retrieves this many papers: enough for Recall@100. */
  static final int DEPTH = 100;

  private final BeirCollection collection;
  private final Papersift app;
  private final List<String> beirIds = new ArrayList<>();
  private IngestTotals loaded;

  public BeirEvaluation(BeirCollection collection, DataDir dataDir, Ranking ranking,
      SemanticSettings semantic, Fusion fusion) {
    this.collection = collection;
    this.app = Papersift.open(dataDir, ranking, semantic, fusion);
  }

  /** Embeds the corpus (vectors cached in the data directory: a rerun there embeds nothing). */
  public long embed(LongConsumer progress) {
    return app.catchUpEmbeddings(progress);
  }

  /** Loads the corpus into the store and index; returns what the ingest did. */
  public IngestTotals load() {
    loaded = new IngestPipeline(app, (where, reason) -> {
      throw new IllegalStateException("corpus document " + where + " rejected: " + reason);
    }).run(sink -> {
      try {
        collection.forEachDoc(doc -> {
          String id = "b" + beirIds.size();
          beirIds.add(doc.id());
          String title = doc.title().isBlank() ? "(untitled)" : doc.title();
          sink.accept(Paper.of(id, title).withAbstract(doc.text()), doc.id());
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return List.of();
    });
    return loaded;
  }

  /** What a mode retrieves and how long the queries took. */
  public record ModeResult(String mode, Metrics metrics, Duration queryTime) {}

  /** Runs every query in {@code mode} and scores the run with trec_eval's definitions. */
  public ModeResult run(SearchMode mode) {
    long start = System.nanoTime();
    Map<String, List<ScoredDoc>> run = new LinkedHashMap<>();
    for (BeirQuery q : collection.queries()) {
      List<ScoredDoc> ranked = new ArrayList<>();
      for (Hit h : app.search(SearchQuery.of(q.text(), DEPTH), mode).hits()) {
        ranked.add(new ScoredDoc(beirIds.get(Integer.parseInt(h.id().substring(1))), h.score()));
      }
      run.put(q.id(), ranked);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new ModeResult(mode.id(), TrecMetrics.evaluate(run, collection.qrels()).mean(), took);
  }

  public int documents() {
    return beirIds.size();
  }

  public Papersift app() {
    return app;
  }

  public Path dataDir() {
    return app.dir().root();
  }

  @Override
  public void close() {
    app.close();
  }
}
