package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.site.RunningSite;
import org.papersift.core.paper.Paper;

/** `papersift bench http` against the real site: every page type answers, figures are printed. */
class BenchHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  @TempDir static Path files;
  static RunningSite site;
  static Path papersFile;

  @BeforeAll
  static void start() throws Exception {
    site = RunningSite.start(dataDir);
    List<String> lines = new ArrayList<>();
    for (Paper p : site.papers) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", p.id());
      row.put("title", p.title());
      row.put("published", p.published().toString());
      lines.add(JSON.writeValueAsString(row));
    }
    papersFile = files.resolve("papers.jsonl");
    Files.write(papersFile, lines, UTF_8);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void measuresEveryPageTypeWithoutErrors() throws Exception {
    CliRun run = bench("--every", "10", "--clients", "2", "--requests", "30", "--warmup", "5",
        "--json");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    JsonNode out = JSON.readTree(run.out());
    assertThat(out.get("server_papers").asLong()).isEqualTo(site.papers.size());
    assertThat(out.get("clients").asInt()).isEqualTo(2);
    JsonNode pages = out.get("pages");
    assertThat(pages.fieldNames()).toIterable().containsExactly("search", "paper", "daily",
        "trending", "api-search", "api-paper", "api-daily");
    for (JsonNode page : pages) {
      assertThat(page.get("requests").asInt()).isEqualTo(30);
      assertThat(page.get("errors").asInt()).isZero();
      assertThat(page.get("p99_ms").asDouble()).isGreaterThan(0)
          .isGreaterThanOrEqualTo(page.get("p50_ms").asDouble());
    }
  }

  @Test
  void errorsAreCountedAndFailTheRun() throws Exception {
    // A papers file whose ids the server does not have: every paper page is a 404.
    Path unknown = files.resolve("unknown.jsonl");
    Files.writeString(unknown, "{\"id\": \"2001.00001\", \"title\": \"Nothing here\","
        + " \"published\": \"2020-01-01\"}\n", UTF_8);
    CliRun run = bench("--queries", unknown.toString(), "--pages", "paper", "--requests", "5",
        "--warmup", "0", "--clients", "1");
    assertThat(run.exit()).isEqualTo(Main.EXIT_FAILED);
    assertThat(run.out()).contains("paper").contains("first error: HTTP 404 for /papers/2001.00001");
  }

  @Test
  void anUnreachableServerIsAClearUsageError() {
    CliRun run = bench("--url", "http://127.0.0.1:9", "--requests", "1");
    assertThat(run.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("cannot reach http://127.0.0.1:9/api/status");
  }

  /** bench http with {@code args}; --url and --queries default to the site and its corpus. */
  private static CliRun bench(String... args) {
    List<String> all = new ArrayList<>(List.of("bench", "http"));
    all.addAll(List.of(args));
    if (!all.contains("--url")) {
      all.addAll(List.of("--url", site.base.toString()));
    }
    if (!all.contains("--queries")) {
      all.addAll(List.of("--queries", papersFile.toString()));
    }
    return CliRun.run(all.toArray(String[]::new));
  }
}
