package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Votes from paper pages and from scripts (the JSON variant). */
class AccountVoteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AccountHarness site = new AccountHarness();
  private AccountHarness.Browser reader;
  private String csrf;

  @BeforeEach
  void signIn() {
    site.user("reader@example.org", "the right password");
    reader = site.browser();
    assertThat(reader.signIn("reader@example.org", "the right password").statusCode())
        .isEqualTo(303);
    csrf = reader.csrf("/account");
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private HttpResponse<String> vote(String id, String action, String back) {
    return reader.post("/papers/" + id + "/vote", back == null
        ? Map.of("_csrf", csrf, "action", action)
        : Map.of("_csrf", csrf, "action", action, "return", back));
  }

  @Test
  void voteAndUndoRedirectBack() {
    HttpResponse<String> up = vote(AccountHarness.PAPER, "up", "/search?q=attention&page=2");
    assertThat(up.statusCode()).isEqualTo(303);
    assertThat(up.headers().firstValue("Location")).hasValue("/search?q=attention&page=2");
    assertThat(site.upvotes(AccountHarness.PAPER)).isEqualTo(1);

    assertThat(vote(AccountHarness.PAPER, "up", null).headers().firstValue("Location"))
        .as("no return: the paper page").hasValue("/papers/" + AccountHarness.PAPER);
    assertThat(site.upvotes(AccountHarness.PAPER)).as("a second up changes nothing")
        .isEqualTo(1);

    assertThat(vote(AccountHarness.PAPER, "undo", "/").statusCode()).isEqualTo(303);
    assertThat(site.upvotes(AccountHarness.PAPER)).isZero();
    assertThat(vote(AccountHarness.PAPER, "undo", "/").statusCode()).isEqualTo(303);
    assertThat(site.upvotes(AccountHarness.PAPER)).isZero();
  }

  @Test
  void oldStyleIdsWithASlashWork() {
    HttpResponse<String> up = vote(AccountHarness.OLD_STYLE_PAPER, "up", null);
    assertThat(up.statusCode()).isEqualTo(303);
    assertThat(up.headers().firstValue("Location"))
        .hasValue("/papers/" + AccountHarness.OLD_STYLE_PAPER);
    assertThat(site.upvotes(AccountHarness.OLD_STYLE_PAPER)).isEqualTo(1);
  }

  @Test
  void openRedirectsAreRefused() {
    for (String evil : List.of("//evil.example", "https://evil.example/", "/\\evil.example",
        "/\n/evil.example", "/\t/evil.example", " /x", "evil.example", "/\u3000/x")) {
      assertThat(vote(AccountHarness.PAPER, "up", evil).headers().firstValue("Location"))
          .as(evil).hasValue("/papers/" + AccountHarness.PAPER);
    }
    // Percent-escapes stay a path here; characters beyond ASCII are escaped.
    assertThat(vote(AccountHarness.PAPER, "up", "/%2F/x").headers().firstValue("Location"))
        .hasValue("/%2F/x");
    assertThat(vote(AccountHarness.PAPER, "up", "/search?q=Schrödinger").headers()
        .firstValue("Location")).hasValue("/search?q=Schr%C3%B6dinger");
  }

  @Test
  void badRequestsChangeNothing() {
    assertThat(vote("9999.99999", "up", null).statusCode()).isEqualTo(404);
    assertThat(vote(AccountHarness.PAPER, "down", null).statusCode()).isEqualTo(400);
    assertThat(vote(AccountHarness.PAPER, "", null).statusCode()).isEqualTo(400);
    assertThat(site.upvotes(AccountHarness.PAPER)).isZero();
    assertThat(site.library.users().votesSince(java.time.Instant.EPOCH)).isEmpty();
  }

  @Test
  void anonymousVotersAreSentToSignIn() {
    AccountHarness.Browser anonymous = site.browser();
    HttpResponse<String> r = anonymous.post("/papers/" + AccountHarness.PAPER + "/vote",
        Map.of("_csrf", anonymous.csrf("/signin"), "action", "up", "return", "/day/2024-01-02"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("/signin?return=%2Fday%2F2024-01-02");
    assertThat(site.upvotes(AccountHarness.PAPER)).isZero();
  }

  @Test
  void twentyConcurrentVotesFromOneUserCountOnce() throws Exception {
    int n = 20;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return vote(AccountHarness.PAPER, "up", "/").statusCode();
      }));
    }
    start.countDown();
    for (Future<Integer> f : results) {
      assertThat(f.get()).isEqualTo(303);
    }
    pool.shutdown();
    assertThat(site.upvotes(AccountHarness.PAPER)).isEqualTo(1);
    assertThat(site.library.users().votesSince(java.time.Instant.EPOCH)).hasSize(1);
  }

  @Test
  void jsonVotesForScripts() throws Exception {
    HttpResponse<String> session = reader.get("/api/session");
    JsonNode s = JSON.readTree(session.body());
    assertThat(s.get("signed_in").asBoolean()).isTrue();
    assertThat(s.get("email").asText()).isEqualTo("reader@example.org");
    String token = s.get("csrf_token").asText();
    assertThat(token).isEqualTo(csrf);

    String path = "/api/papers/" + AccountHarness.PAPER + "/vote";
    HttpResponse<String> up = reader.send("POST", path, "X-CSRF-Token", token);
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    JsonNode body = JSON.readTree(up.body());
    assertThat(body.get("id").asText()).isEqualTo(AccountHarness.PAPER);
    assertThat(body.get("upvotes").asInt()).isEqualTo(1);
    assertThat(body.get("voted").asBoolean()).isTrue();

    // A second voter, then the first takes the vote back.
    site.user("second@example.org", "another password");
    AccountHarness.Browser second = site.browser();
    second.signIn("second@example.org", "another password");
    assertThat(JSON.readTree(second.send("POST", path, "X-CSRF-Token",
        second.csrf("/account")).body()).get("upvotes").asInt()).isEqualTo(2);
    JsonNode undone = JSON.readTree(reader.send("DELETE", path, "X-CSRF-Token", token).body());
    assertThat(undone.get("upvotes").asInt()).isEqualTo(1);
    assertThat(undone.get("voted").asBoolean()).isFalse();

    HttpResponse<String> unknown = reader.send("POST", "/api/papers/9999.99999/vote",
        "X-CSRF-Token", token);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("status").asInt()).isEqualTo(404);

    HttpResponse<String> noToken = reader.send("POST", path);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(noToken.body()).get("message").asText()).contains("CSRF");
    assertThat(site.upvotes(AccountHarness.PAPER)).isEqualTo(1);
  }

  @Test
  void jsonVotesTakeAnySpellingOfTheIdLikeTheOtherPaperEndpoints() throws Exception {
    for (String spelling : List.of("arXiv:" + AccountHarness.PAPER, AccountHarness.PAPER + "v3",
        AccountHarness.OLD_STYLE_PAPER + "v1")) {
      HttpResponse<String> r = reader.send("POST", "/api/papers/" + spelling + "/vote",
          "X-CSRF-Token", csrf);
      assertThat(r.statusCode()).as(spelling).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("id").asText()).as(spelling)
          .isEqualTo(spelling.startsWith("hep-th") ? AccountHarness.OLD_STYLE_PAPER
              : AccountHarness.PAPER);
    }
    assertThat(site.upvotes(AccountHarness.PAPER)).isEqualTo(1);
    assertThat(site.upvotes(AccountHarness.OLD_STYLE_PAPER)).isEqualTo(1);
    HttpResponse<String> malformed = reader.send("DELETE", "/api/papers/%3Cnope%3E/vote",
        "X-CSRF-Token", csrf);
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(malformed.body()).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void jsonVoteWithoutSessionIs401() throws Exception {
    AccountHarness.Browser anonymous = site.browser();
    String anonymousToken = anonymous.csrf("/signin");
    HttpResponse<String> r = anonymous.send("POST",
        "/api/papers/" + AccountHarness.PAPER + "/vote", "X-CSRF-Token", anonymousToken);
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("status").asInt()).isEqualTo(401);
    assertThat(body.get("message").asText()).contains("Sign in");

    HttpResponse<String> session = site.browser().get("/api/session");
    assertThat(JSON.readTree(session.body()).get("signed_in").asBoolean()).isFalse();
    assertThat(session.headers().allValues("Set-Cookie")).as("no cookies for API clients")
        .isEmpty();
  }
}
