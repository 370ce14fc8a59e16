package org.papersift.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The web server on a free port over a TestLibrary, and an HTTP client for it. */
final class ApiFixture implements AutoCloseable {
  final TestLibrary library;
  final WebServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();
  private long nextVoter = 1;

  ApiFixture(TestLibrary library) {
    this.library = library;
    this.server = new WebServer(library,
        new WebSettings(new byte[32], false, Duration.ofDays(30), Clock.systemUTC()))
        .start("127.0.0.1", 0);
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = get(pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body());
  }

  /** {@code n} votes for the paper, each from a new reader. */
  void votes(String paperId, int n) {
    for (int i = 0; i < n; i++) {
      library.users().vote(nextVoter++, paperId, Instant.now());
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
  }
}
