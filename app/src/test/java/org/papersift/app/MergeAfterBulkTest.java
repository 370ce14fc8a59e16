package org.papersift.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.SearchQuery;

class MergeAfterBulkTest {
  @TempDir Path dir;

  @Test
  void mergesIntoOneSegmentOnlyAfterABulkAndWhenThereAreSeveral() {
    try (Papersift app = Papersift.open(new DataDir(dir))) {
      for (int batch = 0; batch < 3; batch++) {
        List<Paper> papers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          papers.add(Paper.of(String.format("2601.%02d%03d", batch, i),
              "Graph networks part " + batch + " " + i).withAbstract("We study graphs.")
              .withPublished(LocalDate.of(2026, 1, 1 + batch)));
        }
        app.store().upsertAll(papers);
        app.catchUpIndex(n -> { }); // a commit: one more segment
      }
      int segments = app.index().segments();
      assertThat(segments).isGreaterThan(1);

      assertThat(app.mergeAfterBulk(59, 60)).as("not a bulk").isZero();
      assertThat(app.index().segments()).isEqualTo(segments);

      assertThat(app.mergeAfterBulk(60, 60)).isEqualTo(segments);
      assertThat(app.index().segments()).isEqualTo(1);
      assertThat(app.index().count()).isEqualTo(60);
      assertThat(app.search(SearchQuery.parse("graph networks part 2", 10),
          org.papersift.core.query.SearchMode.BM25).hits()).isNotEmpty();

      assertThat(app.mergeAfterBulk(60, 60)).as("one segment already").isZero();
    }
  }
}
