package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;

/**
 * Papers without a published date (some sources give none, or only an updated one) are listed
 * where the real library lists them and break nothing: TestLibrary, pages, API and feeds.
 */
class UndatedPapersTest {
  static final LocalDate DAY = LocalDate.of(2025, 3, 18);
  static final Paper DATED = TestLibrary.paper("2503.00001", "Graph dated", DAY, "Ada Lovelace");
  static final Paper NO_DATE = new Paper("beir-doc-1", 0, "Graph without a date", null,
      List.of("Ada Lovelace"), List.of(), null, null, null, null, null, null, List.of());
  static final Paper UPDATED_ONLY = new Paper("beir-doc-2", 0, "Graph updated only",
      "An abstract.", List.of("Ada Lovelace"), List.of("cs.CL"), null, DAY.minusDays(1), null,
      null, null, null, List.of());

  private TestLibrary library;
  private ApiFixture site;

  @BeforeEach
  void start() {
    library = new TestLibrary().add(NO_DATE, DATED, UPDATED_ONLY);
    site = new ApiFixture(library);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  @Test
  void theTestLibraryTreatsThemAsTheRealOneDoes() {
    assertThat(library.latestDay()).isEqualTo(DAY);
    assertThat(new TestLibrary().add(NO_DATE).latestDay()).isNull();
    assertThat(library.published(DAY.minusDays(7), DAY, Library.DailySort.PUBLISHED, 0, 10)
        .items()).extracting(Paper::id).containsExactly(DATED.id());
    assertThat(library.published(DAY.minusDays(7), DAY, Library.DailySort.TRENDING, 0, 10)
        .items()).extracting(Paper::id).containsExactly(DATED.id());

    // Search and author pages go by the index's day: published, else updated; none sorts last.
    assertThat(ids(library.search(SearchQuery.parse("graph", 10)).hits()))
        .containsExactly(DATED.id(), UPDATED_ONLY.id(), NO_DATE.id());
    assertThat(ids(library.search(SearchQuery.parse("graph from:2025-01-01", 10)).hits()))
        .containsExactly(DATED.id(), UPDATED_ONLY.id());
    assertThat(ids(library.search(SearchQuery.parse("graph to:2025-03-17", 10)).hits()))
        .containsExactly(UPDATED_ONLY.id());
    assertThat(library.byAuthor("Ada Lovelace", 0, 10).items()).extracting(Paper::id)
        .containsExactly(DATED.id(), UPDATED_ONLY.id(), NO_DATE.id());
    assertThat(library.similar(NO_DATE.id(), 10).hits()).as("no category").isEmpty();
  }

  @Test
  void pagesApiAndFeedsAnswer() throws Exception {
    for (String path : List.of("/", "/daily?week=2025-W12", "/search?q=graph",
        "/search?q=graph&from=2025-01-01", "/authors/Ada%20Lovelace",
        "/papers/" + NO_DATE.id(), "/papers/" + UPDATED_ONLY.id(), "/feeds/daily.atom",
        "/feeds/search.atom?q=graph", "/feeds/authors/Ada%20Lovelace.atom")) {
      HttpResponse<String> r = site.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
    }
    JsonNode search = site.getJson("/api/papers/search?q=graph");
    assertThat(search).hasSize(3);
    assertThat(search.get(2).get("paper").get("id").asText()).isEqualTo(NO_DATE.id());
    assertThat(search.get(2).has("publishedAt")).as("absent, not null").isFalse();
    assertThat(site.getJson("/api/search?q=graph&from=2025-01-01").get("total").asInt())
        .isEqualTo(2);
    assertThat(site.getJson("/api/daily_papers")).hasSize(1);
    JsonNode undated = site.getJson("/api/papers/" + NO_DATE.id());
    assertThat(undated.get("title").asText()).isEqualTo(NO_DATE.title());
    assertThat(undated.has("publishedAt")).isFalse();
  }
}
