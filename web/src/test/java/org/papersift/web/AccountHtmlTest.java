package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nu.validator.client.EmbeddedValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The account pages, in every state, are valid HTML by the Nu validator. */
class AccountHtmlTest {
  private static String problems(String html) throws Exception {
    EmbeddedValidator v = new EmbeddedValidator();
    v.setOutputFormat(EmbeddedValidator.OutputFormat.GNU);
    v.setNoLangDetect(true);
    return v.validate(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertValid(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/html"));
    assertThat(problems(r.body())).as("%s %s (%s)", r.request().method(), r.uri().getPath(),
        r.statusCode()).isEmpty();
  }

  @Test
  void formFieldsHaveTheirLabels() {
    try (AccountHarness site = new AccountHarness()) {
      // The form's own labels are in main; the site header has its search field's.
      Document signUp = Jsoup.parse(site.browser().get("/signup").body());
      assertThat(signUp.select("main label").eachText())
          .containsExactly("Email", "Password", "Repeat password");
      for (Element label : signUp.select("label")) {
        assertThat(signUp.getElementById(label.attr("for"))).as(label.text()).isNotNull();
      }
      Document signIn = Jsoup.parse(site.browser().get("/signin").body());
      assertThat(signIn.select("main label").eachText()).containsExactly("Email", "Password");
      assertThat(signIn.select("main button[type=submit]").text()).isEqualTo("Sign in");
      for (Element label : signIn.select("label")) {
        assertThat(signIn.getElementById(label.attr("for"))).as(label.text()).isNotNull();
      }
    }
  }

  @Test
  void pagesAreValid() throws Exception {
    try (AccountHarness site = new AccountHarness()) {
      site.user("reader@example.org", "the right password");
      AccountHarness.Browser b = site.browser();
      assertValid(b.get("/signin?return=/library"));
      assertValid(b.get("/signup"));
      assertValid(b.submit("/signup", "/signup", Map.of("email", "bad", "password", "x")));
      assertValid(b.signIn("reader@example.org", "wrong password"));

      b.signIn("reader@example.org", "the right password");
      assertValid(b.get("/account"));
      assertValid(b.get("/account?changed=1"));
      assertValid(b.get("/library"));
      long id = site.library.users().credentials("reader@example.org").orElseThrow().user().id();
      for (int i = 0; i < 25; i++) {
        String paperId = i % 2 == 0 ? AccountHarness.PAPER + i : AccountHarness.PAPER;
        site.library.users().save(id, paperId, "note " + i, site.clock.instant());
      }
      site.library.users().save(id, AccountHarness.OLD_STYLE_PAPER, "a <note> & more",
          site.clock.instant());
      assertValid(b.get("/library"));
      assertValid(b.get("/library?page=2"));
      assertValid(b.submit("/account", "/account/password", Map.of("current", "nope nope",
          "password", "a new password", "confirm", "a new password")));
    }
  }
}
