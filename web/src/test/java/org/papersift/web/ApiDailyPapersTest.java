package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.papersift.web.TestLibrary.paper;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;

/** /api/daily_papers read the way a Hugging Face client reads it. */
class ApiDailyPapersTest {
  private ApiFixture api;

  private ApiFixture serve(Paper... papers) {
    api = new ApiFixture(new TestLibrary().add(papers));
    return api;
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static List<String> ids(JsonNode entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(e.get("paper").get("id").asText()));
    return out;
  }

  private List<String> idsOf(String query) throws Exception {
    JsonNode body = api.getJson("/api/daily_papers?" + query);
    assertThat(body.isArray()).as(query).isTrue();
    return ids(body);
  }

  @Test
  void anEntryHasHuggingFacesFieldsAndPapersiftsExtrasUnderOtherNames() throws Exception {
    Paper full = new Paper("2503.01234", 2, "Sparse attention", "We make attention sparse.",
        List.of("Ada Lovelace", "Alan Turing"), List.of("cs.CL", "cs.LG"),
        LocalDate.of(2025, 3, 18), LocalDate.of(2025, 3, 20), "12 pages", "J. Sparse 1 (2025)",
        "10.1000/sparse", "http://creativecommons.org/licenses/by/4.0/",
        List.of(Link.of("pdf", "https://arxiv.org/pdf/2503.01234v2")));
    serve(full);
    api.votes("2503.01234", 3);

    JsonNode entries = api.getJson("/api/daily_papers?date=2025-03-18");
    assertThat(entries).hasSize(1);
    JsonNode entry = entries.get(0);
    assertThat(fieldNames(entry)).containsExactly("paper", "publishedAt", "title", "summary",
        "numComments", "isAuthorParticipating");
    assertThat(entry.get("publishedAt").asText()).isEqualTo("2025-03-18T00:00:00.000Z");
    assertThat(entry.get("title").asText()).isEqualTo("Sparse attention");
    assertThat(entry.get("summary").asText()).isEqualTo("We make attention sparse.");
    assertThat(entry.get("numComments").isInt()).isTrue();
    assertThat(entry.get("numComments").asInt()).isZero();
    assertThat(entry.get("isAuthorParticipating").isBoolean()).isTrue();
    assertThat(entry.get("isAuthorParticipating").asBoolean()).isFalse();

    JsonNode paper = entry.get("paper");
    assertThat(paper.get("id").asText()).isEqualTo("2503.01234");
    assertThat(paper.get("authors")).hasSize(2);
    assertThat(paper.get("authors").get(0).get("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(paper.get("authors").get(1).get("name").asText()).isEqualTo("Alan Turing");
    assertThat(paper.get("authors").get(0).get("hidden").asBoolean(true)).isFalse();
    assertThat(paper.get("publishedAt").asText()).isEqualTo("2025-03-18T00:00:00.000Z");
    assertThat(paper.get("title").asText()).isEqualTo("Sparse attention");
    assertThat(paper.get("summary").asText()).isEqualTo("We make attention sparse.");
    assertThat(paper.get("upvotes").isInt()).isTrue();
    assertThat(paper.get("upvotes").asInt()).isEqualTo(3);
    // papersift's extras
    assertThat(paper.get("version").asInt()).isEqualTo(2);
    assertThat(paper.get("categories").get(0).asText()).isEqualTo("cs.CL");
    assertThat(paper.get("categories").get(1).asText()).isEqualTo("cs.LG");
    assertThat(paper.get("updated").asText()).isEqualTo("2025-03-20T00:00:00.000Z");
    assertThat(paper.get("comment").asText()).isEqualTo("12 pages");
    assertThat(paper.get("journalRef").asText()).isEqualTo("J. Sparse 1 (2025)");
    assertThat(paper.get("doi").asText()).isEqualTo("10.1000/sparse");
    assertThat(paper.get("license").asText()).startsWith("http://creativecommons.org/");
    assertThat(paper.get("links").get(0).get("rel").asText()).isEqualTo("pdf");
    assertThat(paper.get("links").get(0).get("href").asText())
        .isEqualTo("https://arxiv.org/pdf/2503.01234v2");
    // nothing snake_case, no "abstract", and absent values are left out rather than null
    assertThat(paper.has("abstract")).isFalse();
    assertThat(paper.has("journal_ref")).isFalse();
    assertThat(entry.has("score")).isFalse();
  }

  @Test
  void absentValuesAreLeftOutNotNull() throws Exception {
    serve(Paper.of("2503.00001", "Bare").withPublished(LocalDate.of(2025, 3, 18)));
    JsonNode paper = api.getJson("/api/daily_papers").get(0).get("paper");
    assertThat(fieldNames(paper)).containsExactly("id", "authors", "publishedAt", "title",
        "upvotes", "categories", "links");
    assertThat(paper.get("upvotes").asInt()).isZero();
    assertThat(paper.get("authors")).isEmpty();
    assertThat(api.get("/api/daily_papers").body()).doesNotContain("null");
  }

  @Test
  void withoutAPeriodTheNewestDayWithPapers() throws Exception {
    serve(paper("2503.00001", "Old", LocalDate.of(2025, 3, 17)),
        paper("2503.00002", "New one", LocalDate.of(2025, 3, 18)),
        paper("2503.00003", "New two", LocalDate.of(2025, 3, 18)));
    assertThat(idsOf("")).containsExactlyInAnyOrder("2503.00002", "2503.00003");
    assertThat(idsOf("date=2025-03-17")).containsExactly("2503.00001");
    assertThat(idsOf("date=2025-03-19")).isEmpty();
    assertThat(idsOf("date=&week=&month=")).as("blank means not given").hasSize(2);
  }

  @Test
  void anEmptyLibraryListsNothing() throws Exception {
    serve();
    HttpResponse<String> r = api.get("/api/daily_papers");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(api.json.readTree(r.body()).isArray()).isTrue();
    assertThat(api.json.readTree(r.body())).isEmpty();
    assertThat(r.headers().firstValue("X-Total-Count")).contains("0");
  }

  @Test
  void anIsoWeekRunsFromMondayToSundayAcrossTheYearEnd() throws Exception {
    serve(paper("a1", "Sun before", LocalDate.of(2025, 3, 16)),
        paper("a2", "Monday", LocalDate.of(2025, 3, 17)),
        paper("a3", "Sunday", LocalDate.of(2025, 3, 23)),
        paper("a4", "Monday after", LocalDate.of(2025, 3, 24)),
        // 2025-W01 is Monday 2024-12-30 to Sunday 2025-01-05
        paper("b1", "Sunday before", LocalDate.of(2024, 12, 29)),
        paper("b2", "Monday in 2024", LocalDate.of(2024, 12, 30)),
        paper("b3", "Sunday in 2025", LocalDate.of(2025, 1, 5)),
        paper("b4", "Monday after", LocalDate.of(2025, 1, 6)),
        // 2026 has 53 ISO weeks; W53 is Monday 2026-12-28 to Sunday 2027-01-03
        paper("c1", "In W53", LocalDate.of(2027, 1, 3)),
        paper("c2", "After W53", LocalDate.of(2027, 1, 4)));
    assertThat(idsOf("week=2025-W12")).containsExactly("a3", "a2");
    assertThat(idsOf("week=2025-W01")).containsExactly("b3", "b2");
    assertThat(idsOf("week=2026-W53")).containsExactly("c1");
    assertThat(idsOf("week=2027-W01")).containsExactly("c2");
  }

  @Test
  void aMonthRunsFromItsFirstToItsLastDay() throws Exception {
    serve(paper("m0", "January", LocalDate.of(2024, 1, 31)),
        paper("m1", "First", LocalDate.of(2024, 2, 1)),
        paper("m2", "Leap day", LocalDate.of(2024, 2, 29)),
        paper("m3", "March", LocalDate.of(2024, 3, 1)),
        paper("d1", "New year's eve", LocalDate.of(2024, 12, 31)));
    assertThat(idsOf("month=2024-02")).containsExactly("m2", "m1");
    assertThat(idsOf("month=2024-12")).containsExactly("d1");
    assertThat(idsOf("month=2025-01")).isEmpty();
  }

  @Test
  void trendingPutsTheMostUpvotedFirstAndShowsTheirVotes() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 18);
    serve(paper("2503.00001", "One", day), paper("2503.00002", "Two", day),
        paper("2503.00003", "Three", day.minusDays(1)));
    api.votes("2503.00003", 5);
    api.votes("2503.00002", 2);
    api.votes("2503.00001", 1);

    JsonNode trending = api.getJson("/api/daily_papers?week=2025-W12&sort=trending");
    assertThat(ids(trending)).containsExactly("2503.00003", "2503.00002", "2503.00001");
    List<Integer> votes = new ArrayList<>();
    trending.forEach(e -> votes.add(e.get("paper").get("upvotes").asInt()));
    assertThat(votes).containsExactly(5, 2, 1);

    assertThat(idsOf("week=2025-W12&sort=publishedAt").get(2)).isEqualTo("2503.00003");
    assertThat(idsOf("week=2025-W12")).isEqualTo(idsOf("week=2025-W12&sort=publishedAt"));
  }

  @Test
  void pagesCountFromZeroLikeHuggingFace() throws Exception {
    serve(paper("p1", "One", LocalDate.of(2025, 3, 1)),
        paper("p2", "Two", LocalDate.of(2025, 3, 2)),
        paper("p3", "Three", LocalDate.of(2025, 3, 3)),
        paper("p4", "Four", LocalDate.of(2025, 3, 4)),
        paper("p5", "Five", LocalDate.of(2025, 3, 5)));
    assertThat(idsOf("month=2025-03&limit=2")).containsExactly("p5", "p4");
    assertThat(idsOf("month=2025-03&limit=2&p=0")).containsExactly("p5", "p4");
    assertThat(idsOf("month=2025-03&limit=2&p=1")).containsExactly("p3", "p2");
    assertThat(idsOf("month=2025-03&limit=2&p=2")).containsExactly("p1");
    assertThat(idsOf("month=2025-03&limit=2&p=3")).isEmpty();
    assertThat(idsOf("month=2025-03&limit=100")).hasSize(5);
    assertThat(api.get("/api/daily_papers?month=2025-03&limit=2").headers()
        .firstValue("X-Total-Count")).contains("5");
  }

  @Test
  void theDefaultPageHoldsFiftyPapers() throws Exception {
    TestLibrary library = new TestLibrary();
    for (int i = 0; i < 60; i++) {
      library.add(paper("x" + i, "Paper " + i, LocalDate.of(2025, 3, 18)));
    }
    api = new ApiFixture(library);
    assertThat(idsOf("")).hasSize(50);
    assertThat(idsOf("p=1")).hasSize(10);
  }

  @Test
  void aSubmitterFilterMatchesNothingSincePapersiftHasNoSubmitters() throws Exception {
    serve(paper("2503.00001", "One", LocalDate.of(2025, 3, 18)));
    assertThat(idsOf("submitter=akhaliq")).isEmpty();
    assertThat(idsOf("submitter=")).hasSize(1);
  }

  @Test
  void everyMalformedParameterIsA400NamingIt() throws Exception {
    serve(paper("2503.00001", "One", LocalDate.of(2025, 3, 18)));
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("date=2025-13-01", "date");
    bad.put("date=2025-02-30", "date");
    bad.put("date=2025-3-18", "date");
    bad.put("date=yesterday", "date");
    bad.put("date=2025-03-18T00:00:00Z", "date");
    bad.put("week=2025-W54", "week");
    bad.put("week=2025-W53", "week"); // 2025 has 52 ISO weeks
    bad.put("week=2025-W00", "week");
    bad.put("week=2025W09", "week");
    bad.put("week=2025-09", "week");
    bad.put("month=2025-13", "month");
    bad.put("month=2025-00", "month");
    bad.put("month=2025-3", "month");
    bad.put("month=March", "month");
    bad.put("p=-1", "p");
    bad.put("p=abc", "p");
    bad.put("p=1.5", "p");
    bad.put("p=99999999999", "p");
    bad.put("p=999999999&limit=100", "p");
    bad.put("limit=abc", "limit");
    bad.put("limit=101", "limit");
    bad.put("limit=0", "limit");
    bad.put("limit=-5", "limit");
    bad.put("limit=%2B5", "limit");
    bad.put("sort=newest", "sort");
    bad.put("sort=Trending", "sort");
    bad.put("date=2025-03-18&week=2025-W12", "date, week, month");
    bad.put("week=2025-W12&month=2025-03", "date, week, month");
    bad.put("date=2025-03-18&month=2025-03", "date, week, month");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      HttpResponse<String> r = api.get("/api/daily_papers?" + e.getKey());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).as(e.getKey()).get().asString()
          .startsWith("application/json");
      JsonNode body = api.json.readTree(r.body());
      assertThat(body.get("status").asInt()).as(e.getKey()).isEqualTo(400);
      assertThat(body.get("error").asText()).as(e.getKey()).startsWith(e.getValue() + ": ")
          .containsAnyOf("expected", "give at most one", "has weeks");
      assertThat(body.get("message").asText()).isEqualTo(body.get("error").asText());
    }
  }

  @Test
  void aMessageSaysWhatIsExpected() throws Exception {
    serve();
    assertThat(error("/api/daily_papers?limit=101"))
        .isEqualTo("limit: expected a whole number from 1 to 100, got 101");
    assertThat(error("/api/daily_papers?week=2025-W53"))
        .isEqualTo("week: 2025 has weeks W01 to W52, got \"2025-W53\"");
    assertThat(error("/api/daily_papers?date=2025-03-18&month=2025-03"))
        .isEqualTo("date, week, month: give at most one of them, got date and month");
    assertThat(error("/api/daily_papers?sort=" + "x".repeat(500)))
        .as("a long value is not echoed whole").hasSizeLessThan(150);
  }

  private String error(String path) throws Exception {
    HttpResponse<String> r = api.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(400);
    return api.json.readTree(r.body()).get("error").asText();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
