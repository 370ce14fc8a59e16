package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.harvest.ArxivFixture;

/** {@code papersift harvest} over OAI-PMH against arXiv played on 127.0.0.1. */
class HarvestCommandTest {
  static {
    CliRun.quietLucene();
  }

  @TempDir Path data;

  @Test
  void harvestsIncrementallyAndStatusShowsIt() throws Exception {
    try (ArxivFixture arxiv = new ArxivFixture()) {
      String url = arxiv.oaiUrl().toString();
      CliRun first = CliRun.in(data, "harvest", "--set", "physics:hep-ex", "--days", "3",
          "--oai-url", url).noStackTrace();
      assertThat(first.exit()).as("%s", first).isZero();
      assertThat(first.out())
          .contains("harvest: OAI-PMH " + url + ", format arXiv, set physics:hep-ex, from ")
          .contains("(first harvest)")
          .contains("harvested 3 records in 1 page(s): new 3, updated 0, unchanged 0")
          .contains("next incremental harvest starts from 2017-12-14")
          .contains("store: 3 papers; keyword index: 3 papers");

      CliRun second = CliRun.in(data, "harvest", "--set", "physics:hep-ex", "--oai-url", url)
          .noStackTrace();
      assertThat(second.exit()).as("%s", second).isZero();
      assertThat(second.out()).contains("from 2017-12-14 (after the last harvest)")
          .contains("new 0, updated 0, unchanged 3");
      assertThat(arxiv.queries().get(1)).contains("from=2017-12-14");

      CliRun status = CliRun.in(data, "status").noStackTrace();
      assertThat(status.out()).contains("next harvest from:      2017-12-14  (arXiv:physics:hep-ex)")
          .contains("last harvest:           ").doesNotContain("harvest problem");

      arxiv.failWith(404);
      CliRun failed = CliRun.in(data, "harvest", "--set", "physics:hep-ex", "--oai-url", url)
          .noStackTrace();
      assertThat(failed.exit()).isEqualTo(Main.EXIT_FAILED);
      assertThat(failed.err()).contains(url).contains("HTTP 404");
      assertThat(CliRun.in(data, "status").out())
          .contains("harvest problem:        harvest of arXiv physics:hep-ex from " + url);
    }
  }
}
