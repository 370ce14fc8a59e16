package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation's two benchmarks on a small file: what they print, as text and as JSON. */
class BenchIngestSearchTest {
  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;

  private Path papers(int n) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(String.format("{\"id\":\"2601.%05d\",\"title\":\"Sparse graph models %d\","
          + "\"abstract\":\"We study sparse graphs and models number %d.\",\"authors\":"
          + "[\"Ada Lovelace\"],\"categories\":[\"cs.LG\"],\"published\":\"2026-01-%02d\"}",
          i, i, i, 1 + i % 28));
    }
    lines.add("{\"id\":\"2601.99999\"}"); // no title: rejected
    Path file = tmp.resolve("papers.jsonl");
    Files.write(file, lines, UTF_8);
    return file;
  }

  @Test
  void benchIngestReportsSpeedCpuAndSizes() throws Exception {
    Path file = papers(50);
    CliRun text = CliRun.run("bench", "ingest", file.toString());
    assertThat(text.exit()).as(text.toString()).isZero();
    assertThat(text.out()).contains("bench ingest: " + file)
        .contains("machine: ").contains("cores")
        .contains("papers: 50 stored, 50 indexed, 1 rejected")
        .containsPattern("first byte read to index committed: [0-9.]+ s = [0-9,]+ papers/s")
        .containsPattern("CPU: [0-9.]+ s of process CPU time")
        .contains("on disk: store ");

    JsonNode json = SearchCommand.JSON.readTree(
        CliRun.run("bench", "ingest", "--json", file.toString()).out());
    assertThat(json.path("papers").asLong()).isEqualTo(50);
    assertThat(json.path("rejected").asLong()).isEqualTo(1);
    assertThat(json.path("papers_per_second").asLong()).isPositive();
    assertThat(json.path("pipeline_papers_per_second").asLong()).isPositive();
    assertThat(json.path("cpu_seconds").asDouble()).isPositive();
    assertThat(json.has("index_mb") && json.has("store_mb")).as("sizes").isTrue();
  }

  @Test
  void benchSearchReportsLatencyPercentilesAndThroughput() throws Exception {
    Path file = papers(40);
    Path data = tmp.resolve("data");
    assertThat(CliRun.in(data, "ingest", file.toString()).exit()).isEqualTo(Main.EXIT_REJECTED);
    CliRun r = CliRun.in(data, "bench", "search", "--queries", file.toString(), "--every", "4",
        "--rounds", "2", "--json");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode json = SearchCommand.JSON.readTree(r.out());
    assertThat(json.path("corpus_papers").asLong()).isEqualTo(40);
    assertThat(json.path("queries").asInt()).isEqualTo(10);
    assertThat(json.path("samples").asInt()).isEqualTo(20);
    assertThat(json.path("mode").asText()).isEqualTo("bm25");
    double p50 = json.path("p50_ms").asDouble();
    double p99 = json.path("p99_ms").asDouble();
    assertThat(p50).isPositive();
    assertThat(p99).isGreaterThanOrEqualTo(p50);
    assertThat(json.path("queries_per_second").asLong()).isPositive();
  }
}
