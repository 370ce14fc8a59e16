package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml and the routes the web server registers under /api/ (ApiRoutes, and
 * AccountRoutes' session and votes) describe the same API, method by method.
 */
class ApiOpenApiTest {
  private static final Pattern PATH_KEY = Pattern.compile("^  (/\\S*):\\s*$");
  private static final Pattern METHOD_KEY =
      Pattern.compile("^    (get|put|post|delete|options|head|patch|trace):\\s*$");
  private ApiFixture api;
  private String yaml;

  @BeforeEach
  void start() throws Exception {
    api = new ApiFixture(new TestLibrary()
        .add(TestLibrary.paper("2503.00001", "One", LocalDate.of(2025, 3, 18), "Ada Lovelace")));
    try (InputStream in = ApiRoutes.class.getResourceAsStream("/openapi.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** The keys under {@code paths:}, read line by line (two spaces in, ending with a colon). */
  static Set<String> documentedPaths(String yaml) {
    Set<String> paths = new LinkedHashSet<>();
    boolean inPaths = false;
    for (String line : yaml.split("\n")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        inPaths = line.startsWith("paths:");
        continue;
      }
      Matcher m = PATH_KEY.matcher(line);
      if (inPaths && m.matches()) {
        paths.add(m.group(1));
      }
    }
    return paths;
  }

  /** The operations under {@code paths:}, as "GET /api/papers/{id}". */
  static Set<String> documentedOperations(String yaml) {
    Set<String> operations = new LinkedHashSet<>();
    boolean inPaths = false;
    String path = null;
    for (String line : yaml.split("\n")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        inPaths = line.startsWith("paths:");
        path = null;
        continue;
      }
      Matcher p = PATH_KEY.matcher(line);
      Matcher m = METHOD_KEY.matcher(line);
      if (inPaths && p.matches()) {
        path = p.group(1);
      } else if (inPaths && path != null && m.matches()) {
        operations.add(m.group(1).toUpperCase(Locale.ROOT) + " " + path);
      }
    }
    return operations;
  }

  /**
   * Every route the whole server registers under /api/ (whichever route group adds it), as
   * "POST /api/papers/{id}/vote": OpenAPI's {id} for Javalin's <id>.
   */
  private static Set<String> registeredOperations() {
    WebServer server = new WebServer(new TestLibrary(),
        new WebSettings(new byte[32], false, Duration.ofDays(30), Clock.systemUTC()));
    Set<String> operations = new LinkedHashSet<>();
    for (String route : server.routes()) {
      String path = route.substring(route.indexOf(' ') + 1);
      if (path.startsWith("/api/")) {
        operations.add(route.replace('<', '{').replace('>', '}'));
      }
    }
    return operations;
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    Set<String> registered = registeredOperations();
    assertThat(registered).contains("GET /api/daily_papers", "GET /api/papers/{id}",
        "GET /api/status", "GET /api/session", "POST /api/papers/{id}/vote",
        "DELETE /api/papers/{id}/vote");
    assertThat(documentedOperations(yaml)).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void theLineScanReadsOnlyTheKeysUnderPaths() {
    String sample = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      summary: x\n  /b/{id}:\n"
        + "    post:\n      parameters:\n    delete:\n      get:\ncomponents:\n  /not-a-path:\n"
        + "    get:\n";
    assertThat(documentedPaths(sample)).containsExactly("/a", "/b/{id}");
    assertThat(documentedOperations(sample))
        .containsExactly("GET /a", "POST /b/{id}", "DELETE /b/{id}");
  }

  @Test
  void theDocumentIsOpenApi31AndEveryOperationHasItsOwnId() {
    assertThat(yaml).startsWith("openapi: 3.1.");
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s+operationId: (\\S+)$").matcher(yaml);
    while (m.find()) {
      ids.add(m.group(1));
    }
    assertThat(ids).hasSameSizeAs(documentedOperations(yaml)).doesNotHaveDuplicates();
    Matcher ref = Pattern.compile("\\$ref: '#/components/(\\w+)/(\\w+)'").matcher(yaml);
    while (ref.find()) {
      assertThat(yaml).as("target of " + ref.group())
          .containsPattern("(?m)^  " + ref.group(1) + ":[\\s\\S]*^    " + ref.group(2) + ":");
    }
  }

  @Test
  void theDocumentIsServed() throws Exception {
    HttpResponse<String> r = api.get("/api/openapi.yaml");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString()
        .startsWith("application/yaml");
    assertThat(r.body()).isEqualTo(yaml);
  }

  @Test
  void everyDocumentedGetAnswersAndNoneIsA404() throws Exception {
    for (String operation : documentedOperations(yaml)) {
      if (!operation.startsWith("GET ")) {
        continue; // the votes need a session: AccountVoteTest
      }
      String url = operation.substring(4).replace("{id}", "2503.00001");
      HttpResponse<String> r = api.get(url);
      assertThat(r.statusCode()).as(url).isIn(200, 400);
      if (r.statusCode() == 400) {
        assertThat(url).as("only a search without q may be refused")
            .isEqualTo("/api/papers/search");
      }
    }
  }
}
