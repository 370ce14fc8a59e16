package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** similar, end to end with the default model: ingest, embed, then papers like a paper or a text. */
class SimilarCommandTest {
  @TempDir Path tmp;

  private static final String[][] PAPERS = {
      {"2501.00001", "Decoding the waggle dance of honeybees",
          "Foraging honeybees perform a figure-eight run on the comb that encodes the direction"
              + " and distance of a food patch."},
      {"2501.00002", "How bees tell their nestmates where the flowers are",
          "Worker bees returning to the hive share the location of nectar sources with others"
              + " through movement patterns."},
      {"2501.00003", "Surface codes for quantum error correction",
          "Surface codes protect logical qubits against bit-flip and phase-flip errors."},
      {"2501.00004", "Flat rotation curves of spiral galaxies",
          "Rotation curves stay flat beyond the visible disk, pointing to dark matter halos."},
      {"2501.00005", "Electrolytes for lithium-ion batteries",
          "Lithium salts in carbonate solvents form an interphase on graphite anodes."},
      {"2501.00006", "Sparse matrix multiplication on GPUs",
          "We tune sparse matrix-vector kernels for graphics processors."}};

  private Path dataWithPapers() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String[] p : PAPERS) {
      lines.add("{\"id\":\"" + p[0] + "\",\"title\":\"" + p[1] + "\",\"abstract\":\"" + p[2]
          + "\",\"categories\":[\"q-bio.PE\"]}");
    }
    Path file = tmp.resolve("papers.jsonl");
    Files.write(file, lines);
    Path data = tmp.resolve("data");
    assertThat(CliRun.in(data, "ingest", file.toString()).noStackTrace().exit()).isZero();
    return data;
  }

  private static List<String> ids(CliRun r) throws Exception {
    JsonNode array = new ObjectMapper().readTree(r.out());
    List<String> out = new ArrayList<>();
    array.forEach(n -> {
      assertThat(n.has("title") && n.has("score")).isTrue();
      out.add(n.get("id").asText());
    });
    return out;
  }

  @Test
  void similarPapersByVectorAndWordsWithoutThePaperItself() throws Exception {
    Path data = dataWithPapers();
    CliRun beforeEmbedding = CliRun.in(data, "similar", "2501.00001", "--json", "-n", "3")
        .noStackTrace();
    assertThat(beforeEmbedding.exit()).isZero();
    assertThat(beforeEmbedding.err()).contains("similar by words only");
    assertThat(ids(beforeEmbedding)).doesNotContain("2501.00001");

    assertThat(CliRun.in(data, "embed").noStackTrace().exit()).isZero();
    CliRun like = CliRun.in(data, "similar", "arXiv:2501.00001v1", "--json", "-n", "3")
        .noStackTrace();
    assertThat(like.exit()).as("%s", like).isZero();
    List<String> ids = ids(like);
    assertThat(ids).hasSize(3).doesNotContain("2501.00001");
    assertThat(ids.get(0)).isEqualTo("2501.00002"); // shares almost no words, same meaning

    CliRun text = CliRun.in(data, "similar", "--text",
        "qubits protected from noise by topological codes", "--json", "-n", "1").noStackTrace();
    assertThat(ids(text)).containsExactly("2501.00003");
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    Path data = dataWithPapers();
    CliRun neither = CliRun.in(data, "similar").noStackTrace();
    assertThat(neither.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(neither.err()).contains("give either a paper ID or --text");
    CliRun unknown = CliRun.in(data, "similar", "2501.09999").noStackTrace();
    assertThat(unknown.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(unknown.err()).contains("no paper with id 2501.09999");
  }
}
