package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Oversized requests end in a clean refusal. Jetty reads request lines of up to 8 KB (its
 * default request header size); a longer one never reaches the routes: it is a 414 URI Too Long
 * with a short HTML page, not JSON (openapi.yaml says so), as Jetty stops reading before the
 * path ends and cannot tell an API call from a page. Headers over 8 KB are a 431, in JSON under
 * /api/ (the path is known by then). Below that size papersift answers, in JSON.
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
  void headersTooLargeForTheApiAreAJsonError() throws Exception {
    HttpResponse<String> r = api.http.send(HttpRequest.newBuilder(api.uri("/api/status"))
        .header("X-Padding", "x".repeat(20_000)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(431);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValue(SecurityFilter.CONTENT_SECURITY_POLICY);
    JsonNode body = api.json.readTree(r.body());
    assertThat(body.get("status").asInt()).isEqualTo(431);
    assertThat(body.get("error").asText()).contains("headers are too large");
    assertThat(body.get("message").asText()).isEqualTo(body.get("error").asText());

    HttpResponse<String> page = api.http.send(HttpRequest.newBuilder(api.uri("/status"))
        .header("X-Padding", "x".repeat(20_000)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(431);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("headers are too large");
    assertThat(api.getJson("/api/status").get("stored").asInt()).isEqualTo(1);
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
