package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.SemanticSettings;
import org.papersift.core.paper.Paper;
import org.papersift.search.Ranking;

class BenchCorpusCommandTest {
  static final String MODEL = "all-MiniLM-L6-v2";
  @TempDir Path tmp;

  private Papersift open(Path dir) {
    SemanticSettings s = SemanticSettings.fromEnvironment(Map.of("PAPERSIFT_MODEL", MODEL));
    return Papersift.open(new DataDir(dir), Ranking.DEFAULT, s, s.fusion());
  }

  private void build(Path source, Path target, int size) {
    BenchCorpusCommand cmd = new BenchCorpusCommand();
    cmd.bench = new BenchCommand();
    cmd.bench.main = new Main();
    cmd.bench.main.data = target;
    cmd.source = source;
    cmd.size = size;
    cmd.noise = 0.025;
    cmd.model = MODEL;
    cmd.indexRamMb = 16;
    assertThat(cmd.call()).isZero();
  }

  @Test
  void copiesEveryPaperWithDeterministicNearbyVectors() throws Exception {
    Path source = tmp.resolve("source");
    StringBuilder jsonl = new StringBuilder();
    String[] topics = {"protein folding", "graph neural networks", "galaxy rotation curves",
        "speech recognition", "quantum error correction"};
    for (int i = 0; i < topics.length; i++) {
      jsonl.append("{\"id\":\"2501.0000").append(i).append("\",\"title\":\"On ").append(topics[i])
          .append("\",\"abstract\":\"We study ").append(topics[i]).append(".\"}\n");
    }
    Path file = tmp.resolve("papers.jsonl");
    Files.writeString(file, jsonl);
    try (Papersift app = open(source)) {
      IngestCommand.ingest(app, List.of(file), 10, false);
      app.catchUpEmbeddings(n -> { });
    }
    List<float[]> first = vectorsOf(tmp.resolve("a"), source, 12);
    List<float[]> second = vectorsOf(tmp.resolve("b"), source, 12);
    assertThat(first).hasSize(12);
    for (int i = 0; i < first.size(); i++) {
      assertThat(first.get(i)).containsExactly(second.get(i));
    }
    // copy 1 of paper 0 is near, not equal to, paper 0
    double dot = 0;
    for (int d = 0; d < first.get(0).length; d++) {
      dot += first.get(0)[d] * first.get(5)[d];
    }
    assertThat(dot).isBetween(0.8, 0.99);
  }

  /** Builds a corpus of {@code size} into {@code target} and returns its vectors in id order. */
  private List<float[]> vectorsOf(Path target, Path source, int size) {
    build(source, target, size);
    try (Papersift app = open(target)) {
      assertThat(app.store().count()).isEqualTo(size);
      assertThat(app.index().count()).isEqualTo(size);
      List<String> ids = new ArrayList<>();
      app.store().changesAfter(0, 100).forEach(c -> ids.add(c.paper().id()));
      assertThat(ids).contains("2501.00000", "s1.2501.00000", "s2.2501.00001");
      List<Paper> papers = app.store().findAll(ids).values().stream().toList();
      Map<String, float[]> v = app.vectors().vectorsFor(papers);
      assertThat(v).hasSize(size);
      List<float[]> out = new ArrayList<>();
      ids.stream().sorted().forEach(id -> out.add(v.get(id)));
      return out;
    }
  }
}
