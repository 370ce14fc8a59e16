package org.papersift.app.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.SemanticSettings;
import org.papersift.app.embed.EmbeddingText;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.Paper;
import org.papersift.search.Ranking;
import org.papersift.search.embed.EmbeddingModel;
import org.papersift.store.PaperStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * papersift bench corpus: a large corpus for speed benchmarks, built deterministically from a
 * smaller embedded one, because embedding a million abstracts on two cores is not the point.
 *
 * <p>Paper i of the new corpus is copy c = i / M of source paper i mod M (M source papers). Copy 0
 * is the source paper itself; copy c > 0 gets the id "sC.ID", the same title and abstract (so
 * term statistics and posting lengths scale as in a real corpus of that size), and the source's
 * vector plus Gaussian noise of standard deviation {@code --noise} per dimension, seeded by the
 * new id, renormalized (cosine to the source about 0.9 at the default 0.025 for 384 dimensions).
 * The same arguments always build the same corpus.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
    description = {"Build a large benchmark corpus from an embedded data directory (see",
        "docs/benchmarks.md for the method): copies of each paper with perturbed vectors."})
final class BenchCorpusCommand implements Callable<Integer> {
  private static final int BATCH = 2_000;

  @ParentCommand BenchCommand bench;

  @Option(names = "--source", required = true, paramLabel = "DIR",
      description = "Data directory with the papers ingested and embedded.")
  Path source;

  @Option(names = "--size", defaultValue = "1000000", description = "Papers to build"
      + " (default: ${DEFAULT-VALUE}).")
  long size;

  @Option(names = "--model", description = "Embedding model of the source's vectors (default:"
      + " $PAPERSIFT_MODEL, else bge-small-en-v1.5).")
  String model;

  @Option(names = "--index-ram-mb", defaultValue = "1024", description = "Indexing buffer:"
      + " larger means fewer segments to merge (default: ${DEFAULT-VALUE}).")
  int indexRamMb;

  @Option(names = "--noise", defaultValue = "0.025", description = "Standard deviation of the"
      + " noise added to each vector component of a copy (default: ${DEFAULT-VALUE}).")
  double noise;

  @Override
  public Integer call() {
    DataDir target = bench.main.dataDir();
    if (target.root().equals(new DataDir(source).root())) {
      throw new IllegalArgumentException("--data must differ from --source");
    }
    SemanticSettings env = SemanticSettings.fromEnvironment(System.getenv());
    SemanticSettings semantic = model == null ? env
        : new SemanticSettings(EmbeddingModel.byId(model), EmbeddingModel.byId(model).maxTokens(),
            env.vectorFormat());
    try (Papersift from = Papersift.open(new DataDir(source), Ranking.DEFAULT, semantic,
             semantic.fusion());
         Papersift to = Papersift.open(target, Ranking.DEFAULT, semantic, semantic.fusion(),
             indexRamMb)) {
      String modelId = semantic.model().id();
      int maxTokens = semantic.maxTokens();
      List<Paper> papers = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      long seq = 0;
      while (true) {
        List<Change> changes = from.store().changesAfter(seq, BATCH);
        if (changes.isEmpty()) {
          break;
        }
        List<Paper> batch = changes.stream().map(Change::paper).toList();
        Map<String, float[]> v = from.vectors().vectorsFor(batch);
        for (Paper p : batch) {
          if (v.containsKey(p.id())) {
            papers.add(p);
            vectors.add(v.get(p.id()));
          }
        }
        seq = changes.get(changes.size() - 1).seq();
      }
      if (papers.isEmpty()) {
        throw new IllegalArgumentException(source + " has no embedded papers (model " + modelId
            + "): run 'papersift --data " + source + " embed' first");
      }
      System.out.printf("bench corpus: %,d papers from %,d embedded source papers (%s), noise"
          + " %.3f, into %s%n", size, papers.size(), modelId, noise, target.root());
      long start = System.nanoTime();
      String state = "embed:" + modelId + ":" + maxTokens;
      List<Paper> out = new ArrayList<>(BATCH);
      List<PaperStore.NewVector> rows = new ArrayList<>(BATCH);
      for (long i = 0; i < size; i++) {
        int base = (int) (i % papers.size());
        long copy = i / papers.size();
        Paper p = papers.get(base);
        Paper synthetic = copy == 0 ? p : new Paper("s" + copy + "." + p.id(), p.version(),
            p.title(), p.abstractText(), p.authors(), p.categories(), p.published(),
            p.updated(), p.comment(), p.journalRef(), p.doi(), p.license(), List.of());
        float[] vector = copy == 0 ? vectors.get(base) : perturbed(vectors.get(base),
            synthetic.id());
        out.add(synthetic);
        rows.add(new PaperStore.NewVector(synthetic.id(),
            EmbeddingText.hash(synthetic, maxTokens), vector));
        if (out.size() == BATCH || i == size - 1) {
          to.store().upsertAll(out);
          to.store().saveVectors(modelId, rows, state, to.store().lastSeq());
          out.clear();
          rows.clear();
        }
        if ((i + 1) % 100_000 == 0) {
          System.err.printf("stored %,d%n", i + 1);
        }
      }
      System.out.printf("stored %,d papers with vectors in %.1f s; indexing (BM25 + HNSW)...%n",
          to.store().count(), (System.nanoTime() - start) / 1e9);
      long t0 = System.nanoTime();
      to.catchUpIndex(n -> { });
      System.out.printf("indexed %,d papers in %.1f s%n", to.index().count(),
          (System.nanoTime() - t0) / 1e9);
    }
    return Main.EXIT_OK;
  }

  private float[] perturbed(float[] base, String id) {
    SplittableRandom random = new SplittableRandom(seed(id));
    float[] v = new float[base.length];
    double norm = 0;
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (base[d] + noise * gaussian(random));
      norm += (double) v[d] * v[d];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < v.length; d++) {
      v[d] *= inv;
    }
    return v;
  }

  private static long seed(String id) {
    long h = 1125899906842597L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }

  /** Box-Muller: a standard normal from two uniforms. */
  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
