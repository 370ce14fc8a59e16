package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.account.LibraryEntry;
import org.papersift.core.account.User;

/** Saving papers with notes, the library page and its exports. */
class AccountLibraryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AccountHarness site = new AccountHarness();
  private AccountHarness.Browser reader;
  private User user;
  private String csrf;

  @BeforeEach
  void signIn() {
    user = site.user("reader@example.org", "the right password");
    reader = site.browser();
    reader.signIn("reader@example.org", "the right password");
    csrf = reader.csrf("/account");
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private List<LibraryEntry> entries() {
    return site.library.users().library(user.id(), 0, 100);
  }

  @Test
  void saveEditNoteAndUnsave() {
    String note = "<script>alert('x')</script> read §3 & \"compare\"\r\nwith Vaswani";
    HttpResponse<String> saved = reader.post("/papers/" + AccountHarness.PAPER + "/save",
        Map.of("_csrf", csrf, "note", note, "return", "/papers/" + AccountHarness.PAPER));
    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location"))
        .hasValue("/papers/" + AccountHarness.PAPER);
    assertThat(entries()).singleElement().satisfies(e -> {
      assertThat(e.paperId()).isEqualTo(AccountHarness.PAPER);
      assertThat(e.note()).isEqualTo(note.replace("\r\n", "\n"));
    });

    HttpResponse<String> page = reader.get("/library");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("<script>");
    Document doc = Jsoup.parse(page.body());
    assertThat(doc.select("script").eachAttr("src")).as("only the site's own script file")
        .containsExactly("/static/site.js");
    assertThat(doc.select("[style]")).as("the CSP forbids inline styles").isEmpty();
    Element item = doc.selectFirst(".library-item");
    assertThat(item.selectFirst("a.library-title").attr("href"))
        .isEqualTo("/papers/" + AccountHarness.PAPER);
    assertThat(item.selectFirst("a.library-title").text()).isEqualTo("Attention over papers");
    assertThat(item.selectFirst("textarea[name=note]").wholeText())
        .isEqualTo(note.replace("\r\n", "\n"));
    assertThat(item.select("form").eachAttr("action")).containsExactly(
        "/library/" + AccountHarness.PAPER + "/note",
        "/papers/" + AccountHarness.PAPER + "/unsave");

    // A save button without a note field keeps the note.
    reader.post("/papers/" + AccountHarness.PAPER + "/save", Map.of("_csrf", csrf));
    assertThat(entries()).singleElement().extracting(LibraryEntry::note)
        .isEqualTo(note.replace("\r\n", "\n"));

    HttpResponse<String> edited = reader.post("/library/" + AccountHarness.PAPER + "/note",
        Map.of("_csrf", csrf, "note", "  better note\u0000  ", "return", "/library"));
    assertThat(edited.statusCode()).isEqualTo(303);
    assertThat(edited.headers().firstValue("Location")).hasValue("/library");
    assertThat(entries()).singleElement().extracting(LibraryEntry::note)
        .isEqualTo("better note");

    assertThat(reader.post("/library/" + AccountHarness.OTHER_PAPER + "/note",
        Map.of("_csrf", csrf, "note", "x")).statusCode()).as("not in the library")
        .isEqualTo(404);

    HttpResponse<String> removed = reader.post("/papers/" + AccountHarness.PAPER + "/unsave",
        Map.of("_csrf", csrf, "return", "/library"));
    assertThat(removed.statusCode()).isEqualTo(303);
    assertThat(entries()).isEmpty();
    assertThat(Jsoup.parse(reader.get("/library").body()).select(".library-item")).isEmpty();
  }

  @Test
  void notesAreLimitedAndUnknownPapersRefused() {
    HttpResponse<String> tooLong = reader.post("/papers/" + AccountHarness.PAPER + "/save",
        Map.of("_csrf", csrf, "note", "x".repeat(10_001)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(entries()).isEmpty();
    assertThat(reader.post("/papers/" + AccountHarness.PAPER + "/save",
        Map.of("_csrf", csrf, "note", "x".repeat(10_000))).statusCode()).isEqualTo(303);
    assertThat(reader.post("/papers/9999.99999/save", Map.of("_csrf", csrf)).statusCode())
        .isEqualTo(404);
    assertThat(reader.post("/papers/9999.99999/unsave", Map.of("_csrf", csrf)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void libraryPages() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String id = String.format("2402.%05d", i);
      ids.add(id);
      site.library.add(TestLibrary.paper(id, "Paper number " + i, LocalDate.of(2024, 2, 1)));
      site.library.users().save(user.id(), id, "", site.clock.instant());
      site.clock.advance(Duration.ofMinutes(1));
    }
    Document first = Jsoup.parse(reader.get("/library").body());
    assertThat(first.select(".library-item")).hasSize(20);
    assertThat(first.selectFirst(".library-title").text()).isEqualTo("Paper number 24");
    assertThat(first.select("a[rel=next]").attr("href")).isEqualTo("/library?page=2");
    assertThat(first.select("a[rel=prev]")).isEmpty();
    Document second = Jsoup.parse(reader.get("/library?page=2").body());
    assertThat(second.select(".library-item")).hasSize(5);
    assertThat(second.selectFirst("ol.library").attr("start")).isEqualTo("21");
    assertThat(second.select("input[name=return]").eachAttr("value"))
        .containsOnly("/library?page=2");
    assertThat(second.select("a[rel=prev]").attr("href")).isEqualTo("/library?page=1");
    assertThat(reader.get("/library?page=abc").statusCode()).isEqualTo(400);
    assertThat(reader.get("/library?page=0").statusCode()).isEqualTo(400);
  }

  @Test
  void exports() throws Exception {
    site.library.users().save(user.id(), AccountHarness.PAPER, "first note",
        site.clock.instant());
    site.clock.advance(Duration.ofHours(1));
    site.library.users().save(user.id(), AccountHarness.OTHER_PAPER, "line one\nline two",
        site.clock.instant());
    site.clock.advance(Duration.ofHours(1));
    site.library.users().save(user.id(), "2312.99999", "its paper is gone",
        site.clock.instant());

    HttpResponse<String> bib = reader.get("/library.bib");
    assertThat(bib.statusCode()).isEqualTo(200);
    assertThat(bib.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/x-bibtex").contains("charset=utf-8"));
    assertThat(bib.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"papersift-library.bib\"");
    assertThat(bib.body()).contains(AccountHarness.PAPER, AccountHarness.OTHER_PAPER)
        .doesNotContain("2312.99999");
    assertThat(bib.body().split("(?m)^@").length - 1).isEqualTo(2);
    assertThat(bib.body()).isEqualTo(BibTex.format(site.library.papers(
        List.of(AccountHarness.OTHER_PAPER)).get(AccountHarness.OTHER_PAPER)) + "\n"
        + BibTex.format(site.library.papers(List.of(AccountHarness.PAPER))
        .get(AccountHarness.PAPER)));

    HttpResponse<String> jsonl = reader.get("/library.jsonl");
    assertThat(jsonl.statusCode()).isEqualTo(200);
    assertThat(jsonl.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/x-ndjson"));
    assertThat(jsonl.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"papersift-library.jsonl\"");
    String[] lines = jsonl.body().split("\n");
    assertThat(lines).hasSize(3);
    JsonNode gone = JSON.readTree(lines[0]);
    assertThat(gone.get("id").asText()).isEqualTo("2312.99999");
    assertThat(gone.get("note").asText()).isEqualTo("its paper is gone");
    assertThat(gone.has("title")).isFalse();
    JsonNode other = JSON.readTree(lines[1]);
    assertThat(other.get("id").asText()).isEqualTo(AccountHarness.OTHER_PAPER);
    assertThat(other.get("title").asText()).isEqualTo("Votes & {braces} in BibTeX");
    assertThat(other.get("authors").get(0).asText()).isEqualTo("Grace Hopper");
    assertThat(other.get("abstract").asText()).startsWith("An abstract about");
    assertThat(other.get("note").asText()).isEqualTo("line one\nline two");
    assertThat(other.has("comment")).as("absent fields are left out, not null").isFalse();
    assertThat(other.get("saved_at").asText()).isEqualTo("2025-03-01T13:00:00Z");
    JsonNode first = JSON.readTree(lines[2]);
    assertThat(first.get("published").asText()).isEqualTo("2024-01-02");
    assertThat(first.get("saved_at").asText()).isEqualTo("2025-03-01T12:00:00Z");

    AccountHarness.Browser anonymous = site.browser();
    HttpResponse<String> denied = anonymous.get("/library.jsonl");
    assertThat(denied.statusCode()).isEqualTo(303);
    assertThat(denied.headers().firstValue("Location")).hasValue("/signin?return=%2Flibrary");
  }

  @Test
  void repeatedBibTexKeysGetLetterSuffixes() {
    assertThat(AccountRoutes.suffix(1)).isEqualTo("a");
    assertThat(AccountRoutes.suffix(26)).isEqualTo("z");
    assertThat(AccountRoutes.suffix(27)).isEqualTo("aa");
    assertThat(AccountRoutes.suffix(28)).isEqualTo("ab");
    assertThat(AccountRoutes.suffix(702)).isEqualTo("zz");
    assertThat(AccountRoutes.suffix(703)).isEqualTo("aaa");
  }
}
