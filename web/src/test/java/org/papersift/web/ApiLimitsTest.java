package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Oversized requests end in a clean refusal. Jetty reads request lines of up to 8 KB (its
 * default request header size); a longer one never reaches papersift: Jetty answers 414 URI Too
 * Long itself with its own short HTML page, not JSON (openapi.yaml says so). Below that size
 * papersift answers, in JSON.
 */
class ApiLimitsTest {
  private ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(new TestLibrary()
        .add(TestLibrary.paper("2503.00001", "One", LocalDate.of(2025, 3, 18), "Ada Lovelace")));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aMegabyteQueryIsRefusedCleanlyAndTheServerGoesOn() throws Exception {
    String megabyte = "attention+".repeat((1 << 20) / 10);
    for (String path : List.of("/api/papers/search?q=", "/api/search?q=",
        "/api/daily_papers?date=", "/api/papers/search?limit=")) {
      HttpResponse<String> r = api.get(path + megabyte);
      assertThat(r.statusCode()).as(path).isIn(400, 414);
      if (r.statusCode() == 400) {
        assertThat(api.json.readTree(r.body()).get("status").asInt()).isEqualTo(400);
      }
      assertThat(r.body()).as(path).doesNotContain("Exception").doesNotContain("at org.")
          .doesNotContain("attention+attention").hasSizeLessThan(2_000);
    }
    assertThat(api.getJson("/api/papers/search?q=one")).hasSize(1);
  }

  @Test
  void aLongQueryThatFitsIsAnswered() throws Exception {
    String words = "one ".repeat(1_500).strip().replace(" ", "+");
    JsonNode hits = api.getJson("/api/papers/search?q=" + words);
    assertThat(hits).hasSize(1);
  }

  @Test
  void aLongBadValueIsA400InJsonThatDoesNotEchoItWhole() throws Exception {
    String junk = "x".repeat(7_000);
    for (String path : List.of("/api/daily_papers?date=", "/api/daily_papers?week=",
        "/api/daily_papers?limit=", "/api/papers/search?q=x&limit=", "/api/search?from=")) {
      HttpResponse<String> r = api.get(path + junk);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(api.json.readTree(r.body()).get("error").asText()).as(path)
          .hasSizeLessThan(200);
    }
    HttpResponse<String> paper = api.get("/api/papers/" + junk);
    assertThat(paper.statusCode()).isEqualTo(404);
    assertThat(paper.body()).hasSizeLessThan(300);
  }
}
