package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.OutboxCounts;

/** The admin page: for admins only, outbox counts, and the digest preview kept in a sandbox. */
class DigestAdminTest {
  static final String PREVIEW = "<!doctype html><html><body style=\"margin:0\">"
      + "<h1 style=\"color:#a8261c\">Your papers</h1><script>parent.alert(1)</script>"
      + "</body></html>";

  private final AccountHarness site = new AccountHarness();

  @AfterEach
  void stop() {
    site.close();
  }

  private TestSubscriptions subs() {
    return site.library.subscriptions;
  }

  private AccountHarness.Browser admin() {
    site.user("admin@example.org", "the admin password");
    subs().admins.add("admin@example.org");
    AccountHarness.Browser b = site.browser();
    b.signIn("admin@example.org", "the admin password");
    return b;
  }

  @Test
  void everyoneElseFindsNothing() {
    subs().previews.put("reader@example.org", PREVIEW);
    site.user("reader@example.org", "the right password");
    AccountHarness.Browser reader = site.browser();
    reader.signIn("reader@example.org", "the right password");
    AccountHarness.Browser anonymous = site.browser();
    for (AccountHarness.Browser b : List.of(anonymous, reader)) {
      for (String path : List.of("/admin/digest", "/admin/digest?email=reader@example.org",
          "/admin/digest/preview?email=reader@example.org")) {
        HttpResponse<String> r = b.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.body()).as(path).doesNotContain("Your papers").doesNotContain("Outbox");
        // The same answer as for a page that does not exist.
        assertThat(Jsoup.parse(r.body()).select("[role=alert]").text()).as(path)
            .isEqualTo("nothing at " + r.uri().getPath());
      }
    }
    assertThat(subs().previewed).isEmpty();
    assertThat(Jsoup.parse(reader.get("/account/digest").body())
        .select("a[href=/admin/digest]")).isEmpty();
  }

  @Test
  void adminsSeeTheOutbox() {
    subs().outbox = new OutboxCounts(4, 3, 1, 120, 2, 5, 7);
    AccountHarness.Browser b = admin();
    assertThat(Jsoup.parse(b.get("/account/digest").body()).select("a[href=/admin/digest]"))
        .hasSize(1);
    HttpResponse<String> r = b.get("/admin/digest");
    assertThat(r.statusCode()).isEqualTo(200);
    Document page = Jsoup.parse(r.body());
    List<String> counts = page.select("dl.outbox > div").eachText();
    assertThat(counts).containsExactly("Pending 5", "Due now 3", "Sending 1", "Sent 120",
        "Failed 2", "Bounced 5", "Cancelled 7");
    assertThat(page.select("main .form-error").text()).startsWith("7 mails need a look");
    assertThat(page.select("iframe")).isEmpty();
  }

  @Test
  void thePreviewIsSandboxed() {
    subs().previews.put("reader@example.org", PREVIEW);
    AccountHarness.Browser b = admin();
    HttpResponse<String> r = b.get("/admin/digest?email=reader%40example.org");
    assertThat(r.statusCode()).isEqualTo(200);
    // The admin page keeps the site's policy: default-src 'self' covers same-origin frames.
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValue(SecurityFilter.CONTENT_SECURITY_POLICY);
    Document page = Jsoup.parse(r.body());
    Element frame = page.selectFirst("main iframe");
    assertThat(frame.hasAttr("sandbox")).isTrue();
    assertThat(frame.attr("sandbox")).as("no allow-scripts, no allow-same-origin").isEmpty();
    assertThat(frame.attr("src")).isEqualTo("/admin/digest/preview?email=reader%40example.org");
    assertThat(page.select("main a[href=" + frame.attr("src") + "]")).hasSize(1);
    assertThat(page.selectFirst("input[name=email]").val()).isEqualTo("reader@example.org");
    assertThat(r.body()).doesNotContain("parent.alert");

    HttpResponse<String> preview = b.get(frame.attr("src"));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).isEqualTo(PREVIEW);
    assertThat(preview.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).matches("text/html; ?charset=utf-8"));
    assertThat(preview.headers().allValues("Content-Security-Policy")).containsExactly(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self';"
            + " form-action 'none'; base-uri 'none'");
    assertThat(preview.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
    assertThat(preview.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    assertThat(preview.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void unknownAddressesHaveNoPreview() {
    AccountHarness.Browser b = admin();
    HttpResponse<String> r = b.get("/admin/digest?email=%3Cb%3Enobody%3C%2Fb%3E%40example.org");
    assertThat(r.statusCode()).isEqualTo(200);
    Document page = Jsoup.parse(r.body());
    assertThat(page.select("main [role=alert]").text())
        .isEqualTo("No digest for <b>nobody</b>@example.org: there is no subscriber with this"
            + " address.");
    assertThat(r.body()).doesNotContain("<b>nobody");
    assertThat(page.select("iframe")).isEmpty();
    assertThat(b.get("/admin/digest/preview?email=nobody@example.org").statusCode())
        .isEqualTo(404);
    assertThat(b.get("/admin/digest/preview").statusCode()).isEqualTo(404);
  }
}
