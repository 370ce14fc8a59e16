package org.papersift.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.InvalidQueryException;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;

/** Topic alerts: every positive term must match; vectors rank the matches, admit none. */
class AlertSearchTest {
  @TempDir Path dir;

  static PaperIndexTest.ListFeed feed() {
    PaperIndexTest.ListFeed feed = new PaperIndexTest.ListFeed();
    feed.add(PaperIndexTest.paper("2507.00001", "Graph neural networks for molecules",
        "We train graph networks.", List.of("Ada Lovelace"), List.of("cs.LG"), "2025-07-01"));
    feed.add(PaperIndexTest.paper("2507.00002", "A survey of graph neural networks",
        "We review neural models on graphs.", List.of("Alan Turing"), List.of("cs.LG"),
        "2025-07-02"));
    feed.add(PaperIndexTest.paper("2507.00003", "Neural machine translation",
        "Translation with neural networks.", List.of("Grace Hopper"),
        List.of("cs.CL"), "2025-07-02"));
    feed.add(PaperIndexTest.paper("2507.00004", "Graph colouring bounds",
        "Combinatorics of graphs.", List.of("Paul Erdos"), List.of("math.CO"), "2025-07-03"));
    feed.add(PaperIndexTest.paper("2506.00005", "Older graph neural work",
        "Graph neural methods from June.", List.of("Ada Lovelace"), List.of("cs.LG"),
        "2025-06-15"));
    return feed;
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(Hit::id).toList();
  }

  @Test
  void everyPositiveTermMustMatchSoAnAlertCanBeEmpty() {
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      new IndexFollower(feed(), index).catchUp();
      index.refresh();
      // the search page ranks anything with either word; an alert wants both
      assertThat(ids(index.search(SearchQuery.of("graph neural", 10)))).hasSize(5);
      assertThat(ids(index.searchAlert(SearchQuery.of("graph neural", 10), null,
          Fusion.DEFAULT))).containsExactlyInAnyOrder("2507.00001", "2507.00002", "2506.00005");
      // negative terms, filters and dates as on the search page
      assertThat(ids(index.searchAlert(SearchQuery.parse("graph neural -survey"
          + " from:2025-07-01", 10), null, Fusion.DEFAULT))).containsExactly("2507.00001");
      assertThat(ids(index.searchAlert(SearchQuery.parse("neural cat:cs.CL", 10), null,
          Fusion.DEFAULT))).containsExactly("2507.00003");
      // explicit OR keeps its meaning
      assertThat(ids(index.searchAlert(SearchQuery.parse("colouring OR translation", 10), null,
          Fusion.DEFAULT))).containsExactlyInAnyOrder("2507.00003", "2507.00004");
      // only a negative term: every paper but those
      assertThat(ids(index.searchAlert(SearchQuery.parse("-graph date:2025-07", 10), null,
          Fusion.DEFAULT))).containsExactly("2507.00003");
      assertThat(ids(index.searchAlert(SearchQuery.parse("-colouring date:2025-07", 10), null,
          Fusion.DEFAULT))).hasSize(3);
      // filters only: the newest papers that pass them
      assertThat(ids(index.searchAlert(SearchQuery.parse("cat:cs.LG", 10), null,
          Fusion.DEFAULT))).containsExactly("2507.00002", "2507.00001", "2506.00005");
      // nothing matches every word: empty, not the nearest thing
      assertThat(index.searchAlert(SearchQuery.of("graph translation quantum", 10), null,
          Fusion.DEFAULT).hits()).isEmpty();
    }
  }

  @Test
  void queriesThatCannotRunAsAlertsSayWhy() {
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      new IndexFollower(feed(), index).catchUp();
      index.refresh();
      assertThatThrownBy(() -> index.checkAlert(SearchQuery.of("\"graph neural", 10)))
          .isInstanceOf(InvalidQueryException.class).hasMessageContaining("not valid query");
      assertThatThrownBy(() -> index.checkAlert(SearchQuery.of("venue:neurips graph", 10)))
          .isInstanceOf(InvalidQueryException.class).hasMessageContaining("\"venue:\" is not a"
              + " field");
      assertThatThrownBy(() -> index.checkAlert(SearchQuery.of("the of and", 10)))
          .isInstanceOf(InvalidQueryException.class).hasMessageContaining("no searchable");
      assertThatThrownBy(() -> index.searchAlert(SearchQuery.of("((graph", 10), null,
          Fusion.DEFAULT)).isInstanceOf(InvalidQueryException.class);
      // what the search page would only note, an alert refuses; good queries pass
      index.checkAlert(SearchQuery.of("title:graph \"neural networks\" -survey", 10));
      index.checkAlert(SearchQuery.parse("cat:cs.LG", 10));
      index.checkAlert(SearchQuery.of("Do LLMs know?", 10));
    }
  }

  @Test
  void vectorsRankTheMatchesButAdmitNone() {
    Map<String, float[]> vectors = new HashMap<>();
    vectors.put("2507.00001", DenseSearchTest.unit(0, 1, 0));
    vectors.put("2507.00002", DenseSearchTest.unit(1, 0, 0));
    vectors.put("2507.00003", DenseSearchTest.unit(1, 0.01f, 0)); // nearest, but no "graph"
    vectors.put("2507.00004", DenseSearchTest.unit(0, 0, 1));
    vectors.put("2506.00005", DenseSearchTest.unit(0, 0, 1));
    VectorLookup lookup = papers -> {
      Map<String, float[]> out = new HashMap<>();
      for (Paper p : papers) {
        out.put(p.id(), vectors.get(p.id()));
      }
      return out;
    };
    try (PaperIndex index = PaperIndex.open(dir, Ranking.DEFAULT)) {
      new IndexFollower(feed(), index, lookup).catchUp();
      index.refresh();
      float[] query = DenseSearchTest.unit(1, 0, 0);
      List<String> hybrid = ids(index.searchAlert(SearchQuery.parse("graph neural"
          + " from:2025-07-01", 10), query, Fusion.DEFAULT.withWeight(0.8f)));
      assertThat(hybrid).containsExactlyInAnyOrder("2507.00001", "2507.00002");
      assertThat(hybrid.get(0)).isEqualTo("2507.00002"); // the vector decides the order
      assertThat(index.searchAlert(SearchQuery.of("quantum", 10), query, Fusion.DEFAULT).hits())
          .isEmpty();
    }
  }
}
