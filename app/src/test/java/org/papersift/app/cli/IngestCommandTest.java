package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;

/** {@code papersift ingest} run in-process on files written here, checked through the CLI. */
class IngestCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;

  static String paperJson(String id, String title, String abstractText, String published) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("title", title);
    m.put("abstract", abstractText);
    m.put("authors", List.of("Ada Lovelace", "Charles Babbage"));
    m.put("categories", List.of("cs.CL", "cs.AI"));
    m.put("published", published);
    m.put("comment", "8 pages");
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path writeLines(String name, List<String> lines) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n", UTF_8);
    return f;
  }

  private static List<String> fivePapers() {
    List<String> lines = new ArrayList<>();
    String[] words = {"glaciers", "volcanoes", "tides", "monsoons", "earthquakes"};
    for (int i = 0; i < 5; i++) {
      lines.add(paperJson("2501.0000" + (i + 1), "On " + words[i],
          "We measure " + words[i] + " with satellites.", "2025-01-0" + (i + 1)));
    }
    return lines;
  }

  private static String summary(long read, long added, long updated, long unchanged,
      long rejected) {
    return String.format("read %,d records in", read) + "@" + String.format(
        ": new %,d, updated %,d, unchanged %,d, rejected %,d", added, updated, unchanged, rejected);
  }

  private static void assertSummary(CliRun run, long read, long added, long updated,
      long unchanged, long rejected) {
    String[] parts = summary(read, added, updated, unchanged, rejected).split("@");
    assertThat(run.out()).as("%s", run).contains(parts[0]).contains(parts[1]);
  }

  private Path data() {
    return tmp.resolve("data");
  }

  private long lastSeq() {
    try (Papersift app = Papersift.open(new DataDir(data()))) {
      return app.store().lastSeq();
    }
  }

  private List<String> searchIds(String text) {
    try (Papersift app = Papersift.open(new DataDir(data()))) {
      return app.index().search(SearchQuery.of(text, 10)).hits().stream().map(Hit::id).toList();
    }
  }

  @Test
  void ingestPrintsCountsAndAnIdenticalRerunChangesNothing() throws IOException {
    Path file = writeLines("five.jsonl", fivePapers());

    CliRun first = CliRun.in(data(), "ingest", file.toString());
    assertThat(first.exit()).as("%s", first).isZero();
    assertThat(first.out()).startsWith("ingest: 1 file(s) into " + data().toAbsolutePath());
    assertSummary(first, 5, 5, 0, 0, 0);
    assertThat(first.out()).contains("store: 5 papers; keyword index: 5 papers");
    assertThat(first.errWithoutJvmWarnings()).isEmpty();
    assertThat(lastSeq()).isEqualTo(5);

    CliRun second = CliRun.in(data(), "ingest", file.toString());
    assertThat(second.exit()).as("%s", second).isZero();
    assertSummary(second, 5, 0, 0, 5, 0);
    assertThat(second.out()).contains("store: 5 papers; keyword index: 5 papers");
    assertThat(lastSeq()).as("an identical rerun must not bump the change sequence").isEqualTo(5);

    // One changed record: exactly one update, one new change.
    List<String> changed = new ArrayList<>(fivePapers());
    changed.set(2, paperJson("2501.00003", "On tides and lagoons",
        "We measure tides with satellites.", "2025-01-03"));
    CliRun third = CliRun.in(data(), "ingest",
        writeLines("changed.jsonl", changed).toString());
    assertThat(third.exit()).as("%s", third).isZero();
    assertSummary(third, 5, 0, 1, 4, 0);
    assertThat(lastSeq()).isEqualTo(6);
    assertThat(searchIds("lagoons")).containsExactly("2501.00003");
  }

  @Test
  void statusShowsStoredEqualsIndexed() throws IOException {
    Path file = writeLines("five.jsonl", fivePapers());
    assertThat(CliRun.in(data(), "ingest", file.toString()).exit()).isZero();

    CliRun status = CliRun.in(data(), "status");
    assertThat(status.exit()).as("%s", status).isZero();
    assertThat(status.out()).contains("data directory: " + data().toAbsolutePath());
    Matcher stored = Pattern.compile("papers stored:\\s+(\\d+) \\(change seq (\\d+)\\)")
        .matcher(status.out());
    Matcher indexed = Pattern.compile("papers keyword-indexed:\\s+(\\d+) \\(change seq (\\d+)\\)")
        .matcher(status.out());
    assertThat(stored.find()).as("%s", status).isTrue();
    assertThat(indexed.find()).as("%s", status).isTrue();
    assertThat(stored.group(1)).isEqualTo("5").isEqualTo(indexed.group(1));
    assertThat(stored.group(2)).isEqualTo("5").isEqualTo(indexed.group(2));
    assertThat(status.out()).doesNotContain("read-only");
  }

  @Test
  void duplicateIdsInOneFileStoreOnePaperWithTheLastContent() throws IOException {
    String first = paperJson("2501.00042", "Quokka behaviour on islands",
        "Field notes on quokkas.", "2025-01-10");
    String last = paperJson("2501.00042", "Wombat behaviour in burrows",
        "Field notes on wombats.", "2025-01-11");
    Path file = writeLines("dups.jsonl", List.of(first, first,
        paperJson("2501.00043", "Something else", "Unrelated text.", "2025-01-12"), last));

    CliRun run = CliRun.in(data(), "ingest", file.toString());
    assertThat(run.exit()).as("%s", run).isZero();
    assertSummary(run, 4, 2, 1, 1, 0);
    assertThat(run.out()).contains("store: 2 papers; keyword index: 2 papers");
    try (Papersift app = Papersift.open(new DataDir(data()))) {
      Paper p = app.store().find("2501.00042").orElseThrow();
      assertThat(p.title()).isEqualTo("Wombat behaviour in burrows");
      assertThat(p.abstractText()).isEqualTo("Field notes on wombats.");
      assertThat(p.published()).hasToString("2025-01-11");
    }
    assertThat(searchIds("wombat")).containsExactly("2501.00042");
    assertThat(searchIds("quokka")).isEmpty();
  }

  /**
   * The same id twice in one batch of 1,000, the old content just before the point where
   * PaperIndex.apply splits the batch between threads and the new content just after it. The
   * index must end with the last content, as the store does.
   */
  @Test
  void duplicateIdAcrossIndexingThreadsKeepsTheLastContentInTheIndex() throws IOException {
    int batch = 1_000;
    int parts = Math.max(1, Runtime.getRuntime().availableProcessors());
    int split = (batch + parts - 1) / parts;
    int oldAt = Math.max(0, split - 1);
    int newAt = Math.min(batch - 1, split);
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < batch; i++) {
      if (i == oldAt) {
        lines.add(paperJson("2509.99999", "Quokka behaviour on islands",
            "Field notes on quokkas.", "2025-09-01"));
      } else if (i == newAt) {
        lines.add(paperJson("2509.99999", "Wombat behaviour in burrows",
            "Field notes on wombats.", "2025-09-02"));
      } else {
        n++;
        lines.add(paperJson(String.format("2509.%05d", n), "Filler paper " + n,
            "Ordinary filler abstract number " + n + ".", "2025-09-01"));
      }
    }
    CliRun run = CliRun.in(data(), "ingest", writeLines("dups-1000.jsonl", lines).toString());
    assertThat(run.exit()).as("%s", run).isZero();
    assertSummary(run, batch, batch - 1, 1, 0, 0);
    try (Papersift app = Papersift.open(new DataDir(data()))) {
      assertThat(app.store().find("2509.99999").orElseThrow().title())
          .isEqualTo("Wombat behaviour in burrows");
      assertThat(app.index().count()).isEqualTo(batch - 1);
    }
    assertThat(searchIds("wombat")).as("index holds the last version").containsExactly(
        "2509.99999");
    assertThat(searchIds("quokka")).as("index must not hold the replaced version").isEmpty();
  }

  @Test
  void badLinesAreReportedWithFileAndLineAndEverythingValidGoesIn() throws IOException {
    List<String> lines = new ArrayList<>(fivePapers());
    lines.add(1, "[1, 2, 3]");
    lines.add(3, "");
    lines.add(4, "{\"id\":\"2501.00099\",\"title\":");
    lines.add(6, "{\"id\":\"2501.00098\",\"abstract\":\"no title\"}");
    // 1 ok, 2 array, 3 ok, 4 blank, 5 invalid JSON, 6 ok, 7 no title, 8 ok, 9 ok
    Path file = writeLines("bad.jsonl", lines);

    CliRun run = CliRun.in(data(), "ingest", file.toString()).noStackTrace();
    assertThat(run.exit()).as("%s", run).isEqualTo(Main.EXIT_REJECTED);
    assertThat(run.err())
        .contains("rejected " + file + ":2: expected a JSON object, got an array")
        .contains("rejected " + file + ":5: not valid JSON")
        .contains("rejected " + file + ":7: paper 2501.00098: title is missing");
    assertThat(run.err().lines().filter(l -> l.startsWith("rejected "))).hasSize(3);
    assertSummary(run, 8, 5, 0, 0, 3);
    assertThat(run.out()).contains("store: 5 papers; keyword index: 5 papers");
    assertThat(searchIds("monsoons")).containsExactly("2501.00004");

    // Capped listing, full count.
    CliRun capped = CliRun.in(data(), "ingest", "--show-rejected", "1", file.toString());
    assertThat(capped.exit()).isEqualTo(Main.EXIT_REJECTED);
    assertThat(capped.err().lines().filter(l -> l.startsWith("rejected "))).hasSize(1);
    assertThat(capped.err()).contains(
        "(2 more rejected records not shown; --show-rejected N shows more)");
    assertSummary(capped, 8, 0, 0, 5, 3);
  }

  @Test
  void gzippedAndPlainFilesInOneRun() throws IOException {
    List<String> all = fivePapers();
    Path plain = writeLines("a.jsonl", all.subList(0, 2));
    Path gz = tmp.resolve("b.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((String.join("\n", all.subList(2, 5)) + "\n").getBytes(UTF_8));
    }
    CliRun run = CliRun.in(data(), "ingest", plain.toString(), gz.toString());
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).startsWith("ingest: 2 file(s) into ");
    assertSummary(run, 5, 5, 0, 0, 0);
  }

  @Test
  void missingFileGivesAClearMessageAndTheOtherFilesStillGoIn() throws IOException {
    Path missing = tmp.resolve("nope.jsonl");
    Path file = writeLines("five.jsonl", fivePapers());

    CliRun run = CliRun.in(data(), "ingest", missing.toString(), file.toString()).noStackTrace();
    // "done but some input was rejected" or "failed"; never success, never a usage error
    assertThat(run.exit()).as("%s", run).isIn(Main.EXIT_FAILED, Main.EXIT_REJECTED);
    assertThat(run.err()).contains(missing + ": no such file");
    assertSummary(run, 5, 5, 0, 0, 0);

    CliRun alone = CliRun.in(data(), "ingest", missing.toString()).noStackTrace();
    assertThat(alone.exit()).as("%s", alone).isIn(Main.EXIT_FAILED, Main.EXIT_REJECTED);
    assertThat(alone.err()).contains(missing + ": no such file");
  }

  @Test
  void directoryOrTruncatedGzipIsAFileErrorWithoutStackTrace() throws IOException {
    Path directory = Files.createDirectory(tmp.resolve("a-directory"));
    CliRun run = CliRun.in(data(), "ingest", directory.toString()).noStackTrace();
    assertThat(run.exit()).as("%s", run).isIn(Main.EXIT_FAILED, Main.EXIT_REJECTED);
    assertThat(run.err()).contains(directory.toString());

    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 3_000; i++) {
      sb.append(paperJson(String.format("2503.%05d", i), "Paper " + i,
          "Abstract " + i + " about things.", "2025-03-01")).append('\n');
    }
    Path gz = tmp.resolve("cut.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(sb.toString().getBytes(UTF_8));
    }
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
    CliRun cut = CliRun.in(data(), "ingest", gz.toString()).noStackTrace();
    assertThat(cut.exit()).as("%s", cut).isIn(Main.EXIT_FAILED, Main.EXIT_REJECTED);
    assertThat(cut.err()).contains("error " + gz + ": the compressed data ends early");
    assertThat(cut.out()).contains("file error: " + gz + ": ");
    try (Papersift app = Papersift.open(new DataDir(data()))) {
      long stored = app.store().count();
      assertThat(stored).isBetween(300L, 2_999L);
      assertThat(app.index().count()).isEqualTo(stored);
    }
  }

  @Test
  void usageErrors() {
    CliRun none = CliRun.in(data(), "ingest").noStackTrace();
    assertThat(none.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(none.err()).contains("Missing required parameter");

    CliRun badOption = CliRun.in(data(), "ingest", "--show-rejected", "lots", "x.jsonl")
        .noStackTrace();
    assertThat(badOption.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(badOption.err()).contains("--show-rejected");
  }

  @Test
  void dataDirThatIsAFileFailsWithAMessage() throws IOException {
    Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
    Path file = writeLines("five.jsonl", fivePapers());
    CliRun run = CliRun.in(notADir, "ingest", file.toString()).noStackTrace();
    assertThat(run.exit()).as("%s", run).isEqualTo(Main.EXIT_FAILED);
    assertThat(run.err()).startsWith("papersift: ").contains(notADir.toString());
  }
}
