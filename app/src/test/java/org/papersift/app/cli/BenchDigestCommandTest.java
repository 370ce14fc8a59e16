package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.core.paper.Paper;

class BenchDigestCommandTest {
  static {
    CliRun.quietLucene();
  }

  @TempDir Path tmp;

  @Test
  void plansEveryDigestInACopyAndLeavesTheDataDirectoryAlone() throws Exception {
    Path data = tmp.resolve("data");
    String[] words = {"graph", "neural", "protein", "folding", "galaxy", "rotation", "speech",
        "quantum", "error", "correction"};
    try (Papersift app = Papersift.open(new DataDir(data))) {
      List<Paper> papers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        LocalDate day = LocalDate.of(2026, 6, 1).plusDays(i % 30);
        papers.add(new Paper(String.format("2606.%05d", i), 1, "Studies of "
            + words[i % words.length] + " " + words[(i * 7 + 3) % words.length] + " systems",
            "An abstract about " + words[(i + 1) % words.length] + ".", List.of("Ada Lovelace"),
            List.of(i % 2 == 0 ? "cs.LG" : "astro-ph.GA"), day, day, null, null, null, null,
            List.of()));
      }
      app.store().upsertAll(papers);
      app.catchUpIndex(n -> { });
    }
    CliRun r = CliRun.in(data, "bench", "digest", "--subscribers", "60", "--threads", "2");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("bench digest: 60 subscribers")
        .contains("planned at 2026-07-01T12:00:00Z")
        .contains("corpus: " + data.toAbsolutePath().normalize() + ", 200 papers")
        .contains("machine: ").containsPattern("planned \\d+ digests .* digests/s")
        .contains("heap while planning: peak ").contains("CPU: ");
    r.noStackTrace();
    // the copy was planned, not the data directory
    try (Connection c = ChildCli.readOnly(new DataDir(data).database());
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM subscribers")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }
}
