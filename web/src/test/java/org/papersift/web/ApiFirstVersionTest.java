package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.papersift.web.ApiFixture.enc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Paper;

/** The first API, /api/search and /api/status, answers its clients as before. */
class ApiFirstVersionTest {
  private ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(new TestLibrary().add(
        new Paper("2501.00001", 2, "Attention <b>is</b> all you need", "An abstract.",
            List.of("Ada Lovelace"), List.of("cs.CL"), LocalDate.of(2025, 1, 2), null, null,
            null, null, null, List.of()),
        new Paper("2501.00002", 1, "Attention & memory", "Another abstract.",
            List.of("Alan Turing"), List.of("cs.LG"), LocalDate.of(2024, 12, 30), null, null,
            null, null, null, List.of())));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void searchKeepsItsShapeAndParsesFilters() throws Exception {
    JsonNode body = api.getJson("/api/search?q=" + enc("attention cat:cs.CL")
        + "&limit=5&author=Ada&from=2025-01-01");
    assertThat(body.get("query").asText()).isEqualTo("attention");
    assertThat(body.get("total").asLong()).isEqualTo(1);
    assertThat(body.get("notes").isArray()).isTrue();
    JsonNode hit = body.get("results").get(0);
    assertThat(hit.get("id").asText()).isEqualTo("2501.00001");
    assertThat(hit.get("title").asText()).isEqualTo("Attention <b>is</b> all you need");
    assertThat(hit.get("score").asDouble()).isEqualTo(1.0);
    assertThat(hit.get("authors").get(0).asText()).isEqualTo("Ada Lovelace");
    assertThat(hit.get("categories").get(0).asText()).isEqualTo("cs.CL");
    assertThat(hit.get("published").asText()).isEqualTo("2025-01-02");

    JsonNode both = api.getJson("/api/search?q=attention");
    assertThat(both.get("total").asLong()).isEqualTo(2);
    assertThat(both.get("results")).hasSize(2);
    assertThat(api.getJson("/api/search?q=attention&limit=1").get("results")).hasSize(1);
    assertThat(api.getJson("/api/search?cat=cs.LG").get("results").get(0).get("id").asText())
        .isEqualTo("2501.00002");
    assertThat(api.getJson("/api/search?q=attention&to=2024-12-31").get("total").asLong())
        .isEqualTo(1);
  }

  @Test
  void badSearchInputIsA400InJson() throws Exception {
    for (String bad : List.of("q=x&from=yesterday", "q=x&limit=many", "q=x&limit=0",
        "q=x&limit=1001", "q=" + enc("x to:2020 from:2021"), "q=x&to=2025-02-30")) {
      HttpResponse<String> r = api.get("/api/search?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).get().asString()
          .startsWith("application/json");
      JsonNode body = api.json.readTree(r.body());
      assertThat(body.get("status").asInt()).isEqualTo(400);
      assertThat(body.get("error").asText()).as(bad).isNotBlank();
    }
  }

  @Test
  void statusKeepsItsFieldsAndAddsTheNewOnesInTheSameStyle() throws Exception {
    JsonNode status = api.getJson("/api/status");
    assertThat(status.get("stored").asLong()).isEqualTo(2);
    assertThat(status.get("indexed").asLong()).isEqualTo(2);
    assertThat(status.get("embedded").asLong()).isZero();
    assertThat(status.get("model").asText()).isEqualTo("test-model");
    // TestLibrary has never harvested: the fields are left out rather than null
    assertThat(status.has("last_harvest")).isFalse();
    assertThat(status.has("harvest_problem")).isFalse();
    assertThat(status.has("lastHarvest")).isFalse();
  }

  @Test
  void statusShowsTheLastHarvestAndItsProblem() throws Exception {
    api.close();
    TestLibrary harvested = new TestLibrary().status(new Library.Status(7, 6, 5, "bge-small",
        "2025-03-18T06:00:00Z", "arXiv answered 503"));
    api = new ApiFixture(harvested);
    JsonNode status = api.getJson("/api/status");
    assertThat(status.get("stored").asLong()).isEqualTo(7);
    assertThat(status.get("indexed").asLong()).isEqualTo(6);
    assertThat(status.get("embedded").asLong()).isEqualTo(5);
    assertThat(status.get("last_harvest").asText()).isEqualTo("2025-03-18T06:00:00Z");
    assertThat(status.get("harvest_problem").asText()).isEqualTo("arXiv answered 503");
  }
}
