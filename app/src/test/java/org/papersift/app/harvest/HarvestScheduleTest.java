package org.papersift.app.harvest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.ArxivSettings;
import org.papersift.store.Database;
import org.papersift.store.PaperStore;

/** The background harvest against arXiv played on 127.0.0.1, at intervals of a fraction of a second. */
class HarvestScheduleTest {
  static final Instant NOW = Instant.parse("2017-12-20T08:00:00Z");

  @TempDir Path dir;
  PaperStore store;
  ArxivFixture arxiv;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void open() throws Exception {
    arxiv = new ArxivFixture();
    store = new PaperStore(Database.open(dir.resolve("papersift.db")));
  }

  @AfterEach
  void close() {
    store.close();
    arxiv.close();
  }

  private HarvestSchedule schedule(URI oai, Duration every) {
    ArxivSettings settings = new ArxivSettings(oai, ArxivSettings.DEFAULT_API, Duration.ZERO,
        Duration.ofSeconds(5), 0);
    return new HarvestSchedule(store, settings, List.of("physics:hep-ex"), every,
        Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void harvestsAtStartThenEveryIntervalFromWhereItStopped() throws Exception {
    try (HarvestSchedule s = schedule(arxiv.oaiUrl(), Duration.ofMillis(200)).start()) {
      await("two rounds", () -> s.rounds() >= 2);
    }
    assertThat(store.findAll(ArxivFixture.HEP_EX_IDS)).hasSize(3);
    List<String> queries = arxiv.queries();
    // The first goes back a week from today; the next starts at the server's date of the first.
    assertThat(queries.get(0)).contains("metadataPrefix=arXiv").contains("set=physics%3Ahep-ex")
        .contains("from=2017-12-13");
    assertThat(queries.get(1)).contains("from=2017-12-14");
    assertThat(store.jobState("harvest:oai:arXiv:physics:hep-ex")).contains("2017-12-14");
    assertThat(HarvestStatus.read(store)).isEqualTo(new HarvestStatus(NOW, null));
    assertThat(out.toString(UTF_8)).contains("harvested arXiv physics:hep-ex from 2017-12-13:"
        + " 3 records, new 3, updated 0, unchanged 0");
    assertThat(err.toString(UTF_8)).isEmpty();
  }

  @Test
  void aFailedRoundIsReportedRecordedAndRetriedAtTheNextInterval() throws Exception {
    arxiv.failWith(503);
    try (HarvestSchedule s = schedule(arxiv.oaiUrl(), Duration.ofSeconds(1)).start()) {
      await("a failed round", () -> s.rounds() >= 1);
      HarvestStatus failed = HarvestStatus.read(store);
      assertThat(failed.lastSuccess()).isNull();
      assertThat(failed.problem()).startsWith("harvest of arXiv physics:hep-ex from "
          + arxiv.oaiUrl() + " failed: ").contains("HTTP 503");
      String log = err.toString(UTF_8);
      assertThat(log.lines()).hasSize(1);
      assertThat(log).contains(arxiv.oaiUrl().toString()).contains("HTTP 503")
          .contains("still serving; next try in 1s");

      arxiv.failWith(0);
      long before = s.rounds();
      await("a round after arXiv came back", () -> s.rounds() >= before + 1
          && HarvestStatus.read(store).problem() == null);
    }
    assertThat(HarvestStatus.read(store).lastSuccess()).isEqualTo(NOW);
    assertThat(store.findAll(ArxivFixture.HEP_EX_IDS)).hasSize(3);
  }

  @Test
  void anUnreachableServerIsOneLineNamingTheUrl() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/oai");
    try (HarvestSchedule s = schedule(nowhere, Duration.ofHours(6)).start()) {
      await("a failed round", () -> s.rounds() >= 1);
    }
    String log = err.toString(UTF_8);
    assertThat(log.lines()).hasSize(1);
    assertThat(log).startsWith("papersift: harvest of arXiv physics:hep-ex from " + nowhere
        + " failed: ").contains("next try in 6h");
    assertThat(HarvestStatus.read(store).problem()).contains(nowhere.toString());
  }

  @Test
  void readsIntervals() {
    assertThat(HarvestSchedule.parseInterval("6h")).isEqualTo(Duration.ofHours(6));
    assertThat(HarvestSchedule.parseInterval(" 30m ")).isEqualTo(Duration.ofMinutes(30));
    assertThat(HarvestSchedule.parseInterval("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(HarvestSchedule.parseInterval("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(HarvestSchedule.parseInterval("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(HarvestSchedule.parseInterval("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(HarvestSchedule.parseInterval("0")).isZero();
    assertThat(HarvestSchedule.parseInterval("OFF")).isZero();
    for (String bad : List.of("", "6", "six hours", "-1h", "PT-1H", "1w")) {
      assertThatThrownBy(() -> HarvestSchedule.parseInterval(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like 6h");
    }
    assertThat(HarvestSchedule.describe(Duration.ofHours(6))).isEqualTo("6h");
    assertThat(HarvestSchedule.describe(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(HarvestSchedule.describe(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(HarvestSchedule.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void needsASetAndAPositiveInterval() {
    ArxivSettings settings = ArxivSettings.fromEnvironment(java.util.Map.of());
    Clock clock = Clock.systemUTC();
    assertThatThrownBy(() -> new HarvestSchedule(store, settings, List.of(), Duration.ofHours(1),
        clock, System.out, System.err)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HarvestSchedule(store, settings, List.of("cs"), Duration.ZERO,
        clock, System.out, System.err)).isInstanceOf(IllegalArgumentException.class);
  }
}
