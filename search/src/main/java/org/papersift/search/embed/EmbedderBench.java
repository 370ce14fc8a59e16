package org.papersift.search.embed;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measures an {@link Embedder}: passages per second through the whole pipeline (tokenize, run,
 * pool, normalize), and through the bare model (the same runs on texts tokenized beforehand,
 * on the same workers), so the cost of everything around the model shows as a percentage.
 * Holds no state; each call embeds on the caller's embedder, so run it when nothing else does.
 */
public final class EmbedderBench {
  /** Passages embedded before timing, so one-off costs (JIT, allocator growth) stay out. */
  static final int WARM_UP = 16;
  /**
   * Passages per turn. Small enough that both ways see the same background load, large enough
   * (several per worker) that the idle tail at the end of each turn stays a small share.
   */
  static final int CHUNK = 20;

  private EmbedderBench() {}

  /**
   * Throughput of one model on one set of passages.
   *
   * @param meanTokens tokens per passage after truncation, special tokens included
   * @param pipelinePerSecond passages/s through {@link Embedder#embedPassages}
   * @param rawPerSecond passages/s of the model alone on pre-tokenized input
   */
  public record Throughput(String modelId, int maxTokens, int threads, int passages,
      double meanTokens, double pipelinePerSecond, double rawPerSecond) {
    /** How much longer the pipeline takes than the bare model, in percent of the latter. */
    public double overheadPercent() {
      return (rawPerSecond / pipelinePerSecond - 1) * 100;
    }

    @Override
    public String toString() {
      return String.format("%s max %d tokens, %d threads, %d passages (%.0f tokens each):"
          + " %.1f passages/s, bare model %.1f/s, overhead %.1f%%", modelId, maxTokens, threads,
          passages, meanTokens, pipelinePerSecond, rawPerSecond, overheadPercent());
    }
  }

  /** Time of {@link Embedder#embedQuery} for one query at a time, in milliseconds. */
  public record Latency(String modelId, int queries, double p50Millis, double p90Millis,
      double maxMillis) {
    @Override
    public String toString() {
      return String.format("%s %d queries: p50 %.2f ms, p90 %.2f ms, max %.2f ms", modelId,
          queries, p50Millis, p90Millis, maxMillis);
    }
  }

  /**
   * Embeds {@code passages} {@code rounds} times both ways and keeps each way's best round.
   * Within a round the two ways take turns on chunks of {@value #CHUNK} passages, the first to
   * go alternating, so that load from other processes on a shared machine hits both alike.
   */
  public static Throughput measure(Embedder embedder, List<String> passages, int rounds) {
    Objects.requireNonNull(embedder, "embedder");
    if (passages.isEmpty()) {
      throw new IllegalArgumentException("passages must not be empty");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    // Held open for the whole run: the pre-built inputs are only valid while the session is.
    return embedder.whileOpen(() -> {
      embedder.embedPassages(passages.subList(0, Math.min(WARM_UP, passages.size())));
      List<Embedder.ModelInput> inputs = new ArrayList<>(passages.size());
      try {
        long tokens = 0;
        for (String passage : passages) {
          Embedder.Tokens t = embedder.tokenize(embedder.model().passagePrefix() + passage);
          tokens += t.ids().length;
          inputs.add(embedder.input(t));
        }
        int n = passages.size();
        long bestRaw = Long.MAX_VALUE;
        long bestPipeline = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
          long raw = 0;
          long pipeline = 0;
          for (int from = 0, turn = r; from < n; from += CHUNK, turn++) {
            int to = Math.min(n, from + CHUNK);
            List<Embedder.ModelInput> rawChunk = inputs.subList(from, to);
            List<String> chunk = passages.subList(from, to);
            if (turn % 2 == 0) {
              raw += timeRaw(embedder, rawChunk);
              pipeline += timePipeline(embedder, chunk);
            } else {
              pipeline += timePipeline(embedder, chunk);
              raw += timeRaw(embedder, rawChunk);
            }
          }
          bestRaw = Math.min(bestRaw, raw);
          bestPipeline = Math.min(bestPipeline, pipeline);
        }
        return new Throughput(embedder.modelId(), embedder.maxTokens(), embedder.threads(), n,
            (double) tokens / n, n / (bestPipeline / 1e9), n / (bestRaw / 1e9));
      } catch (OrtException e) {
        throw new EmbeddingException("Cannot build model input", e);
      } finally {
        inputs.forEach(Embedder.ModelInput::close);
      }
    });
  }

  private static long timeRaw(Embedder embedder, List<Embedder.ModelInput> inputs) {
    long start = System.nanoTime();
    embedder.forEachInParallel(inputs.size(), i -> embedder.runOnly(inputs.get(i)));
    return System.nanoTime() - start;
  }

  private static long timePipeline(Embedder embedder, List<String> passages) {
    long start = System.nanoTime();
    embedder.embedPassages(passages);
    return System.nanoTime() - start;
  }

  /** {@link #measure(Embedder, List, int)} with three rounds. */
  public static Throughput measure(Embedder embedder, List<String> passages) {
    return measure(embedder, passages, 3);
  }

  /** Embeds each query alone, one after another, after a few untimed ones. */
  public static Latency queryLatency(Embedder embedder, List<String> queries) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("queries must not be empty");
    }
    for (int i = 0; i < Math.min(WARM_UP, queries.size()); i++) {
      embedder.embedQuery(queries.get(i));
    }
    long[] nanos = new long[queries.size()];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      embedder.embedQuery(queries.get(i));
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Latency(embedder.modelId(), nanos.length, percentile(nanos, 50) / 1e6,
        percentile(nanos, 90) / 1e6, nanos[nanos.length - 1] / 1e6);
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
