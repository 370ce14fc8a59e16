package org.papersift.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;

/** Vector search with hand-made unit vectors: exact expectations, no model needed. */
class DenseSearchTest {
  @TempDir Path dir;

  static float[] unit(float... v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(VectorFormat.class)
  void nearestVectorsWithFiltersAndSelfExcluded(VectorFormat format) {
    PaperIndexTest.ListFeed feed = new PaperIndexTest.ListFeed();
    Map<String, float[]> vectors = new HashMap<>();
    String[][] rows = {
        {"2501.00001", "cs.CL", "alpha words"}, {"2501.00002", "cs.CV", "beta words"},
        {"2501.00003", "cs.CL", "gamma words"}, {"2501.00004", "cs.CL", "delta words"}};
    float[][] vs = {unit(1, 0, 0), unit(0.9f, 0.1f, 0), unit(0, 1, 0), unit(0, 0, 1)};
    for (int i = 0; i < rows.length; i++) {
      feed.add(PaperIndexTest.paper(rows[i][0], rows[i][2], null, List.of(), List.of(rows[i][1]),
          "2025-01-0" + (i + 1)));
      vectors.put(rows[i][0], vs[i]);
    }
    VectorLookup lookup = papers -> {
      Map<String, float[]> out = new HashMap<>();
      for (Paper p : papers) {
        if (!p.id().equals("2501.00004")) { // one paper not embedded yet
          out.put(p.id(), vectors.get(p.id()));
        }
      }
      return out;
    };
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT, format)) {
      new IndexFollower(feed, index, lookup).catchUp();
      index.refresh();
      float[] q = unit(1, 0.05f, 0);
      assertThat(index.searchDense(SearchQuery.of("ignored", 3), q, null).hits())
          .extracting(Hit::id).containsExactly("2501.00001", "2501.00002", "2501.00003");
      assertThat(index.searchDense(SearchQuery.parse("cat:cs.CL", 5), q, null).hits())
          .extracting(Hit::id).containsExactly("2501.00001", "2501.00003");
      assertThat(index.searchDense(SearchQuery.of("x", 2), q, "2501.00001").hits())
          .extracting(Hit::id).containsExactly("2501.00002", "2501.00003");
      // hybrid: "delta" only matches by keyword (no vector), "alpha" by both
      assertThat(index.searchHybrid(SearchQuery.of("delta alpha", 4), q, Fusion.DEFAULT, null)
          .hits()).extracting(Hit::id).startsWith("2501.00001").contains("2501.00004");
    }
  }
}
