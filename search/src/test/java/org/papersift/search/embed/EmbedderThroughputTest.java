package org.papersift.search.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The speed figures, on the first 200 abstracts of the shared arXiv sample (titles as queries).
 * Takes about a minute, so it runs only when asked:
 * {@code ./mvnw -pl search -am test -Dtest='org.papersift.search.embed.EmbedderThroughputTest'
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpapersift.bench=true}
 */
@EnabledIfSystemProperty(named = "papersift.bench", matches = "true")
class EmbedderThroughputTest {
  private static final int PAPERS = 200;

  @Test
  void printsThroughputAndQueryLatency() throws IOException {
    List<String> abstracts = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    readSample(abstracts, titles);
    System.out.printf("%d abstracts, %d cores, RSS before %d MB%n", abstracts.size(),
        Runtime.getRuntime().availableProcessors(), rssMegabytes());
    record Setting(EmbeddingModel model, int maxTokens) {}
    for (Setting setting : List.of(new Setting(BgeSmallEnV15Q.MODEL, 512),
        new Setting(BgeSmallEnV15Q.MODEL, 256), new Setting(AllMiniLmL6V2Q.MODEL, 128))) {
      long start = System.nanoTime();
      try (Embedder embedder = Embedder.open(setting.model(), setting.maxTokens(),
          Runtime.getRuntime().availableProcessors())) {
        System.out.printf("opened %s in %d ms%n", embedder.modelId(),
            (System.nanoTime() - start) / 1_000_000);
        EmbedderBench.Throughput throughput = EmbedderBench.measure(embedder, abstracts, 3);
        EmbedderBench.Latency latency = EmbedderBench.queryLatency(embedder, titles);
        System.out.println(throughput);
        System.out.println(latency);
        System.out.printf("RSS with this model open %d MB%n", rssMegabytes());
        assertThat(throughput.pipelinePerSecond()).isPositive();
      }
    }
  }

  private static void readSample(List<String> abstracts, List<String> titles)
      throws IOException {
    Path file = Path.of(System.getProperty("papersift.shared", "../shared"),
        "data", "arxiv-sample", "papers.jsonl.gz");
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      for (String line; abstracts.size() < PAPERS && (line = in.readLine()) != null; ) {
        JsonNode paper = json.readTree(line);
        abstracts.add(paper.get("abstract").asText());
        titles.add(paper.get("title").asText());
      }
    }
  }

  private static long rssMegabytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
