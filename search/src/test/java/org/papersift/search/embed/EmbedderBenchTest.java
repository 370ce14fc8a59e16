package org.papersift.search.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedderBenchTest {
  @Test
  void measuresPipelineAndBareModel() {
    List<String> passages = Fixtures.PAIRS.stream().map(Fixtures.Pair::abstractText).toList();
    try (Embedder embedder = Embedder.open(AllMiniLmL6V2Q.MODEL)) {
      EmbedderBench.Throughput throughput = EmbedderBench.measure(embedder, passages, 1);
      assertThat(throughput.modelId()).isEqualTo("all-MiniLM-L6-v2");
      assertThat(throughput.passages()).isEqualTo(5);
      assertThat(throughput.meanTokens()).isBetween(40.0, 128.0);
      assertThat(throughput.pipelinePerSecond()).isPositive();
      assertThat(throughput.rawPerSecond()).isPositive();

      EmbedderBench.Latency latency = EmbedderBench.queryLatency(embedder,
          Fixtures.PAIRS.stream().map(Fixtures.Pair::query).toList());
      assertThat(latency.queries()).isEqualTo(5);
      assertThat(latency.p50Millis()).isPositive().isLessThanOrEqualTo(latency.maxMillis());
    }
  }
}
