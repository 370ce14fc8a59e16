package org.papersift.sources.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.papersift.sources.arxiv.FixtureServer.Reply;

class PoliteHttpTest {
  private final FakeTime time = new FakeTime();

  private PoliteHttp http(int maxRetries) {
    return PoliteHttp.builder().timeSource(time).maxRetries(maxRetries)
        .timeout(Duration.ofSeconds(5)).build();
  }

  /** Replies from the list in turn, repeating the last one. */
  private static FixtureServer serving(Reply... replies) throws IOException {
    AtomicInteger next = new AtomicInteger();
    return new FixtureServer(r -> replies[Math.min(next.getAndIncrement(), replies.length - 1)]);
  }

  @Test
  void waitsTheMinimumIntervalBetweenRequestStarts() throws Exception {
    try (var server = serving(Reply.ok("x")); var http = http(0)) {
      http.get(server.uri("/a"));
      assertThat(time.sleeps()).isEmpty();
      http.get(server.uri("/b"));
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
      time.advance(Duration.ofMillis(1200));
      http.get(server.uri("/c"));
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(1800));
      time.advance(Duration.ofSeconds(10));
      http.get(server.uri("/d"));
      assertThat(time.sleeps()).hasSize(2);
    }
  }

  @Test
  void minimumIntervalIsConfigurable() throws Exception {
    try (var server = serving(Reply.ok("x"));
        var http = PoliteHttp.builder().timeSource(time).minInterval(Duration.ofMillis(500))
            .build()) {
      http.get(server.uri("/a"));
      http.get(server.uri("/b"));
      assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }
  }

  @Test
  void sendsOneRequestAtATimeWhenCalledFromManyThreads() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    try (var server = new FixtureServer(r -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(40);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          return Reply.ok("x");
        });
        var http = http(0)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<HttpResult>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          String path = "/" + i;
          results.add(pool.submit(() -> http.get(server.uri(path))));
        }
        for (Future<HttpResult> f : results) {
          assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(server.requests()).hasSize(4);
      assertThat(maxInFlight.get()).isEqualTo(1);
      // Each request after the first waited its turn.
      assertThat(time.sleeps()).hasSize(3).allMatch(d -> d.equals(Duration.ofSeconds(3)));
    }
  }

  @Test
  void sendsUserAgentAndAcceptsGzip() throws Exception {
    byte[] xml = "<ok>zipped ü</ok>".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(zipped)) {
      gz.write(xml);
    }
    try (var server = serving(Reply.ok(zipped.toByteArray()).withHeader("Content-Encoding",
            "gzip"));
        var http = http(0)) {
      HttpResult result = http.get(server.uri("/z"));
      assertThat(result.body()).isEqualTo(xml);
      assertThat(result.attempts()).isEqualTo(1);
      var headers = server.requests().get(0).headers();
      assertThat(headers.getFirst("User-Agent"))
          .isEqualTo("papersift/0.1 (+https://github.com/papersift)");
      assertThat(headers.getFirst("Accept-Encoding")).isEqualTo("gzip");
    }
  }

  @Test
  void honoursRetryAfterSecondsOn503() throws Exception {
    try (var server = serving(Reply.status(503).withHeader("Retry-After", "7"), Reply.ok("x"));
        var http = http(5)) {
      HttpResult result = http.get(server.uri("/busy"));
      assertThat(result.status()).isEqualTo(200);
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void honoursRetryAfterHttpDate() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME
        .format(FakeTime.START.plusSeconds(20).atOffset(ZoneOffset.UTC));
    try (var server = serving(Reply.status(503).withHeader("Retry-After", date), Reply.ok("x"));
        var http = http(5)) {
      assertThat(http.get(server.uri("/busy")).status()).isEqualTo(200);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(20));
    }
  }

  @Test
  void shortRetryAfterStillKeepsTheMinimumInterval() throws Exception {
    try (var server = serving(Reply.status(503).withHeader("Retry-After", "1"), Reply.ok("x"));
        var http = http(5)) {
      http.get(server.uri("/busy"));
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  @Test
  void refusesRetryAfterBeyondTheConfiguredMaximum() throws Exception {
    try (var server = serving(Reply.status(503).withHeader("Retry-After", "86400"));
        var http = http(5)) {
      assertThatThrownBy(() -> http.get(server.uri("/closed")))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining(server.uri("/closed").toString())
          .hasMessageContaining("86400 s");
      assertThat(server.requests()).hasSize(1);
      assertThat(time.sleeps()).isEmpty();
    }
  }

  @Test
  void backsOffExponentiallyOn429() throws Exception {
    try (var server = serving(Reply.status(429), Reply.status(429), Reply.status(429),
            Reply.ok("x"));
        var http = http(5)) {
      HttpResult result = http.get(server.uri("/limited"));
      assertThat(result.attempts()).isEqualTo(4);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10),
          Duration.ofSeconds(20));
    }
  }

  @Test
  void backoffIsCapped() throws Exception {
    try (var server = serving(Reply.status(502));
        var http = PoliteHttp.builder().timeSource(time).maxRetries(4)
            .initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(30)).build()) {
      assertThatThrownBy(() -> http.get(server.uri("/x"))).isInstanceOf(ArxivException.class);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20),
          Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
  }

  @Test
  void givesUpAfterMaxRetriesNamingUrlStatusAndAttempts() throws Exception {
    try (var server = serving(Reply.status(500)); var http = http(2)) {
      var uri = server.uri("/broken?verb=ListRecords");
      assertThatThrownBy(() -> http.get(uri))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining(uri.toString())
          .hasMessageContaining("HTTP 500")
          .hasMessageContaining("3 attempts");
      assertThat(server.requests()).hasSize(3);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
  }

  @Test
  void returnsNonRetryableStatusesWithoutRetrying() throws Exception {
    try (var server = serving(new Reply(404, Map.of(), "gone".getBytes(StandardCharsets.UTF_8)));
        var http = http(5)) {
      HttpResult result = http.get(server.uri("/missing"));
      assertThat(result.status()).isEqualTo(404);
      assertThat(result.isSuccess()).isFalse();
      assertThat(result.bodySnippet()).isEqualTo("gone");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void serverThatNeverAnswersEndsInATimeoutError() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (var server = new FixtureServer(r -> {
          try {
            never.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.ok("too late");
        });
        var http = PoliteHttp.builder().timeSource(time).timeout(Duration.ofMillis(300))
            .maxRetries(1).build()) {
      var uri = server.uri("/hang");
      long started = System.nanoTime();
      assertThatThrownBy(() -> http.get(uri))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining(uri.toString())
          .hasMessageContaining("timeout of 300 ms")
          .hasMessageContaining("2 attempts");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(server.requests()).hasSize(2);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
    } finally {
      never.countDown();
    }
  }

  @Test
  void refusesRequestsAfterClose() {
    var http = http(0);
    http.close();
    assertThatThrownBy(() -> http.get(java.net.URI.create("http://127.0.0.1:9/")))
        .isInstanceOf(IllegalStateException.class);
  }
}
