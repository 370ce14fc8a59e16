package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;

class WebServerTest {
  /** A library of two papers whose search returns every paper whose title has the query text. */
  static final class TwoPapers implements Library {
    final List<SearchQuery> asked = new ArrayList<>();
    final Map<String, Paper> papers = new LinkedHashMap<>();

    TwoPapers() {
      add(new Paper("2501.00001", 2, "Attention <b>is</b> all you need", "An abstract.",
          List.of("Ada Lovelace"), List.of("cs.CL"), LocalDate.of(2025, 1, 2), null, null, null,
          null, null, List.of()));
      add(Paper.of("2501.00002", "Attention & memory"));
    }

    private void add(Paper p) {
      papers.put(p.id(), p);
    }

    @Override
    public SearchResult search(SearchQuery query) {
      asked.add(query);
      List<Hit> hits = papers.values().stream()
          .filter(p -> p.title().toLowerCase().contains(query.text().toLowerCase()))
          .map(p -> new Hit(p.id(), p.title(), 1.5f)).toList();
      return new SearchResult(hits, hits.size(), List.of());
    }

    @Override
    public Map<String, Paper> papers(Collection<String> ids) {
      Map<String, Paper> out = new LinkedHashMap<>();
      ids.stream().filter(papers::containsKey).forEach(id -> out.put(id, papers.get(id)));
      return out;
    }

    @Override
    public Status status() {
      return new Status(papers.size(), papers.size());
    }
  }

  TwoPapers library;
  WebServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    library = new TwoPapers();
    server = new WebServer(library).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchAnswersJsonWithFiltersParsed() throws Exception {
    var r = get("/api/search?q=" + enc("attention cat:cs.CL") + "&limit=5&author=Ada&from=2025-01-01");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(r.body());
    assertThat(body.get("total").asLong()).isEqualTo(2);
    assertThat(body.get("results").get(0).get("id").asText()).isEqualTo("2501.00001");
    assertThat(body.get("results").get(0).get("score").asDouble()).isEqualTo(1.5);
    assertThat(body.get("results").get(0).get("authors").get(0).asText()).isEqualTo("Ada Lovelace");
    SearchQuery q = library.asked.get(0);
    assertThat(q.text()).isEqualTo("attention");
    assertThat(q.categories()).containsExactly("cs.CL");
    assertThat(q.authors()).containsExactly("Ada");
    assertThat(q.from()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(q.limit()).isEqualTo(5);
  }

  @Test
  void badInputIsA400ProblemNotA200() throws Exception {
    for (String bad : List.of("/api/search?q=x&from=yesterday", "/api/search?q=x&limit=many",
        "/api/search?q=x&limit=0", "/api/search?q=" + enc("x to:2020 from:2021"))) {
      var r = get(bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).get().asString()
          .startsWith("application/problem+json");
      assertThat(json.readTree(r.body()).get("detail").asText()).isNotBlank();
    }
  }

  @Test
  void paperByAnySpellingOfItsIdAnd404Otherwise() throws Exception {
    var r = get("/api/papers/2501.00001v2");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode p = json.readTree(r.body());
    assertThat(p.get("abstract").asText()).isEqualTo("An abstract.");
    assertThat(p.get("published").asText()).isEqualTo("2025-01-02");
    assertThat(get("/api/papers/2501.99999").statusCode()).isEqualTo(404);
    assertThat(get("/api/papers/" + enc("<x>")).statusCode()).isEqualTo(404);
  }

  @Test
  void pageEscapesQueryAndPaperText() throws Exception {
    var r = get("/?q=" + enc("attention\"><script>x</script>"));
    assertThat(r.body()).doesNotContain("<script>").doesNotContain("<b>is</b>");
    var hits = get("/?q=attention");
    assertThat(hits.body()).contains("Attention &lt;b&gt;is&lt;/b&gt; all you need")
        .contains("Attention &amp; memory");
    assertThat(hits.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(hits.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }
}
