package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.papersift.web.ApiFixture.enc;
import static org.papersift.web.TestLibrary.paper;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;

/** /api/papers/{id}, /api/papers/{id}/similar and /api/papers/search. */
class ApiPapersTest {
  private static final LocalDate DAY = LocalDate.of(2025, 3, 18);
  private ApiFixture api;

  @BeforeEach
  void start() {
    Paper attention = new Paper("2503.01234", 3, "Attention <b>is</b> all you need",
        "Transformers & attention.", List.of("Ada Lovelace"), List.of("cs.CL", "cs.AI"), DAY,
        DAY.plusDays(2), "10 pages", "Neural Computing 9 (2025)", "10.1000/att", null,
        List.of(new Link("alternate", "https://arxiv.org/abs/2503.01234v3", "text/html", null)));
    Paper other = new Paper("2503.05555", 1, "Something else", "About graphs.",
        List.of("Alan Turing"), List.of("math.CO"), DAY, DAY, null, null, null, null, List.of());
    api = new ApiFixture(new TestLibrary().add(attention,
        paper("2503.00002", "Attention for speech", DAY.minusDays(1), "Grace Hopper"),
        paper("2503.00003", "Memory without attention", DAY.minusDays(2), "Ada Lovelace"),
        other,
        new Paper("hep-th/9901001", 1, "Old strings", "Strings.", List.of("Ed Witten"),
            List.of("hep-th"), LocalDate.of(1999, 1, 4), null, null, null, null, null,
            List.of())));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aPaperIsHuggingFacesPaperObjectWithPapersiftsFields() throws Exception {
    api.votes("2503.01234", 2);
    JsonNode p = api.getJson("/api/papers/2503.01234");
    assertThat(p.get("id").asText()).isEqualTo("2503.01234");
    assertThat(p.get("title").asText()).isEqualTo("Attention <b>is</b> all you need");
    assertThat(p.get("summary").asText()).isEqualTo("Transformers & attention.");
    assertThat(p.get("publishedAt").asText()).isEqualTo("2025-03-18T00:00:00.000Z");
    assertThat(p.get("authors").get(0).get("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(p.get("upvotes").asInt()).isEqualTo(2);
    assertThat(p.get("version").asInt()).isEqualTo(3);
    assertThat(p.get("categories").toString()).isEqualTo("[\"cs.CL\",\"cs.AI\"]");
    assertThat(p.get("updated").asText()).isEqualTo("2025-03-20T00:00:00.000Z");
    assertThat(p.get("comment").asText()).isEqualTo("10 pages");
    assertThat(p.get("journalRef").asText()).isEqualTo("Neural Computing 9 (2025)");
    assertThat(p.get("doi").asText()).isEqualTo("10.1000/att");
    assertThat(p.has("license")).as("absent, not null").isFalse();
    JsonNode link = p.get("links").get(0);
    assertThat(link.get("rel").asText()).isEqualTo("alternate");
    assertThat(link.get("href").asText()).isEqualTo("https://arxiv.org/abs/2503.01234v3");
    assertThat(link.get("type").asText()).isEqualTo("text/html");
    assertThat(link.has("title")).isFalse();
    assertThat(p.has("paper")).as("the paper itself, not an entry").isFalse();
  }

  @Test
  void aPaperIsFoundByAnySpellingOfItsId() throws Exception {
    for (String spelling : List.of("2503.01234v3", "2503.01234v1", "arXiv:2503.01234",
        enc("arXiv:2503.01234"))) {
      assertThat(api.getJson("/api/papers/" + spelling).get("id").asText()).as(spelling)
          .isEqualTo("2503.01234");
    }
    JsonNode old = api.getJson("/api/papers/hep-th/9901001");
    assertThat(old.get("id").asText()).isEqualTo("hep-th/9901001");
    assertThat(old.get("publishedAt").asText()).isEqualTo("1999-01-04T00:00:00.000Z");
  }

  @Test
  void anUnknownOrMalformedIdIsA404InJson() throws Exception {
    for (String id : List.of("2503.99999", enc("<script>"), "x".repeat(300), "hep-th/0000000",
        enc("a b"))) {
      HttpResponse<String> r = api.get("/api/papers/" + id);
      assertThat(r.statusCode()).as(id).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).get().asString()
          .startsWith("application/json");
      JsonNode body = api.json.readTree(r.body());
      assertThat(body.get("status").asInt()).isEqualTo(404);
      assertThat(body.get("error").asText()).startsWith("no paper with id").hasSizeLessThan(120);
    }
    assertThat(api.get("/api/papers/2503.99999/similar").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/papers/" + enc("<x>") + "/similar").statusCode()).isEqualTo(404);
    assertThat(api.json.readTree(api.get("/api/nothing-here").body()).get("status").asInt())
        .isEqualTo(404);
  }

  @Test
  void similarPapersLeaveThePaperOutAndCarryTheirScore() throws Exception {
    api.votes("2503.00003", 4);
    JsonNode similar = api.getJson("/api/papers/2503.01234/similar");
    List<String> ids = new ArrayList<>();
    similar.forEach(e -> ids.add(e.get("paper").get("id").asText()));
    // TestLibrary calls papers of the same primary category similar
    assertThat(ids).containsExactly("2503.00002", "2503.00003");
    JsonNode second = similar.get(1);
    assertThat(second.get("score").asDouble()).isEqualTo(0.5);
    assertThat(second.get("title").asText()).isEqualTo("Memory without attention");
    assertThat(second.get("paper").get("upvotes").asInt()).isEqualTo(4);
    assertThat(second.get("numComments").asInt()).isZero();
    assertThat(api.getJson("/api/papers/2503.01234v3/similar?limit=1")).hasSize(1);
    assertThat(api.getJson("/api/papers/2503.05555/similar")).isEmpty();
    assertThat(api.getJson("/api/papers/hep-th/9901001/similar")).isEmpty();
    for (String bad : List.of("limit=0", "limit=101", "limit=ten")) {
      HttpResponse<String> r = api.get("/api/papers/2503.01234/similar?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(api.json.readTree(r.body()).get("error").asText()).startsWith("limit: ");
    }
  }

  @Test
  void searchAnswersHuggingFaceEntriesWithUpvotesAndScores() throws Exception {
    api.votes("2503.00002", 1);
    JsonNode hits = api.getJson("/api/papers/search?q=attention");
    List<String> ids = new ArrayList<>();
    hits.forEach(e -> ids.add(e.get("paper").get("id").asText()));
    assertThat(ids).containsExactly("2503.01234", "2503.00002", "2503.00003");
    JsonNode first = hits.get(0);
    assertThat(first.get("title").asText()).isEqualTo("Attention <b>is</b> all you need");
    assertThat(first.get("summary").asText()).isEqualTo("Transformers & attention.");
    assertThat(first.get("publishedAt").asText()).isEqualTo("2025-03-18T00:00:00.000Z");
    assertThat(first.get("score").asDouble()).isEqualTo(1.0);
    assertThat(first.get("paper").get("authors").get(0).get("name").asText())
        .isEqualTo("Ada Lovelace");
    assertThat(hits.get(1).get("paper").get("upvotes").asInt()).isEqualTo(1);
    assertThat(api.getJson("/api/papers/search?q=attention&limit=2")).hasSize(2);
    assertThat(api.getJson("/api/papers/search?q=nothingmatches")).isEmpty();
  }

  @Test
  void searchUnderstandsFiltersInsideTheQuery() throws Exception {
    JsonNode hits = api.getJson("/api/papers/search?q=" + enc("attention author:Grace"));
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).get("paper").get("id").asText()).isEqualTo("2503.00002");
    assertThat(api.getJson("/api/papers/search?q=" + enc("cat:math"))).hasSize(1);
  }

  @Test
  void searchIsNotMistakenForAPaperCalledSearch() throws Exception {
    HttpResponse<String> r = api.get("/api/papers/search");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(api.json.readTree(r.body()).get("error").asText()).startsWith("q: required");
  }

  @Test
  void badSearchesAre400sInJson() throws Exception {
    for (String bad : List.of("q=", "q=%20%20", "q=x&limit=101", "q=x&limit=0", "q=x&limit=abc",
        "q=" + enc("x to:2020 from:2021"), "q=" + enc("x from:yesterday"),
        "q=" + enc("author:\"\""))) {
      HttpResponse<String> r = api.get("/api/papers/search?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      JsonNode body = api.json.readTree(r.body());
      assertThat(body.get("status").asInt()).isEqualTo(400);
      assertThat(body.get("error").asText()).as(bad).isNotBlank();
    }
  }
}
