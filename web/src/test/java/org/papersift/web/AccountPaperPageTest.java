package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The vote and save forms of the paper page, submitted as a browser would: the fields the page
 * renders (hidden ones included) plus what the reader types, over HTTP.
 */
class AccountPaperPageTest {
  private final AccountHarness site = new AccountHarness();

  @AfterEach
  void stop() {
    site.close();
  }

  /** Posts {@code form} with its own fields and the values typed into it. */
  private static HttpResponse<String> send(AccountHarness.Browser b, Element form,
      Map<String, String> typed) {
    assertThat(form.attr("method")).isEqualTo("post");
    Map<String, String> fields = new LinkedHashMap<>();
    for (Element input : form.select("input[name], textarea[name]")) {
      fields.put(input.attr("name"), input.is("textarea") ? input.wholeText() : input.val());
    }
    fields.putAll(typed);
    return b.post(form.attr("action"), fields);
  }

  private static Document page(AccountHarness.Browser b, String path) {
    HttpResponse<String> r = b.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Jsoup.parse(r.body());
  }

  @Test
  void signUpVoteUndoSaveWithANoteAndFindItInTheLibrary() {
    AccountHarness.Browser b = site.browser();
    HttpResponse<String> signUp = b.submit("/signup", "/signup", Map.of("email",
        "reader@example.org", "password", "a long password", "confirm", "a long password"));
    assertThat(signUp.statusCode()).isEqualTo(303);

    for (String id : List.of(AccountHarness.PAPER, AccountHarness.OLD_STYLE_PAPER)) {
      String path = "/papers/" + id;
      Document doc = page(b, path);
      Element vote = doc.selectFirst("main .actions form.vote");
      assertThat(vote.attr("action")).isEqualTo(path + "/vote");
      assertThat(vote.selectFirst("button").attr("aria-pressed")).isEqualTo("false");
      assertThat(vote.selectFirst(".n").text()).isEqualTo("0");

      HttpResponse<String> up = send(b, vote, Map.of());
      assertThat(up.statusCode()).as(id).isEqualTo(303);
      assertThat(up.headers().firstValue("Location")).hasValue(path);
      assertThat(site.upvotes(id)).isEqualTo(1);
      vote = page(b, path).selectFirst("main .actions form.vote");
      assertThat(vote.selectFirst(".n").text()).as("count after the vote").isEqualTo("1");
      assertThat(vote.selectFirst("button").attr("aria-pressed")).isEqualTo("true");
      assertThat(vote.selectFirst("input[name=action]").val()).isEqualTo("undo");

      assertThat(send(b, vote, Map.of()).statusCode()).isEqualTo(303);
      assertThat(site.upvotes(id)).isZero();
      vote = page(b, path).selectFirst("main .actions form.vote");
      assertThat(vote.selectFirst(".n").text()).as("count after the undo").isEqualTo("0");
      assertThat(vote.selectFirst("button").attr("aria-pressed")).isEqualTo("false");

      doc = page(b, path);
      Element save = doc.selectFirst("main form.save");
      assertThat(save.attr("action")).isEqualTo(path + "/save");
      Element note = save.selectFirst("textarea[name=note]");
      assertThat(doc.select("label[for='" + note.id() + "']").text()).isEqualTo("Note");
      String text = "read §3 <b>twice</b> for " + id;
      HttpResponse<String> saved = send(b, save, Map.of("note", text));
      assertThat(saved.statusCode()).isEqualTo(303);
      assertThat(saved.headers().firstValue("Location")).hasValue(path);

      Element unsave = page(b, path).selectFirst("main form.save");
      assertThat(unsave.attr("action")).isEqualTo(path + "/unsave");
      assertThat(unsave.select(".saved").text()).isEqualTo("Saved");
      assertThat(unsave.select("textarea")).isEmpty();

      Document library = page(b, "/library");
      Element item = library.selectFirst("main .library-item:has(a[href='" + path + "'])");
      assertThat(item).as(id + " in the library").isNotNull();
      assertThat(item.selectFirst("textarea[name=note]").wholeText()).isEqualTo(text);
      assertThat(item.select("b")).as("the note is text").isEmpty();
    }

    // Removing it from the paper page takes it out of the library again.
    String path = "/papers/" + AccountHarness.PAPER;
    assertThat(send(b, page(b, path).selectFirst("main form.save"), Map.of()).statusCode())
        .isEqualTo(303);
    assertThat(page(b, path).selectFirst("main form.save").attr("action"))
        .isEqualTo(path + "/save");
    assertThat(page(b, "/library").select("main .library-item")).hasSize(1);
  }
}
