package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** openapi.yaml and the routes ApiRoutes registers describe the same API. */
class ApiOpenApiTest {
  private static final Pattern PATH_KEY = Pattern.compile("^  (/\\S*):\\s*$");
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

  private static List<String> registeredPaths() {
    ApiRoutes routes = new ApiRoutes(new TestLibrary(), new Templates(),
        new WebSettings(new byte[32], false, Duration.ofDays(30), Clock.systemUTC()));
    Javalin.create(config -> routes.register(config.routes));
    return routes.paths();
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedPathIsARoute() {
    List<String> registered = registeredPaths();
    Set<String> documented = documentedPaths(yaml);
    assertThat(registered).contains("/api/daily_papers", "/api/papers/{id}", "/api/status");
    assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void theLineScanReadsOnlyTheKeysUnderPaths() {
    String sample = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      summary: x\n  /b/{id}:\n"
        + "components:\n  /not-a-path:\n";
    assertThat(documentedPaths(sample)).containsExactly("/a", "/b/{id}");
  }

  @Test
  void theDocumentIsOpenApi31AndEveryOperationHasItsOwnId() {
    assertThat(yaml).startsWith("openapi: 3.1.");
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s+operationId: (\\S+)$").matcher(yaml);
    while (m.find()) {
      ids.add(m.group(1));
    }
    assertThat(ids).hasSameSizeAs(documentedPaths(yaml)).doesNotHaveDuplicates();
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
  void everyDocumentedPathAnswersAndNoneIsA404() throws Exception {
    for (String path : documentedPaths(yaml)) {
      String url = path.replace("{id}", "2503.00001");
      HttpResponse<String> r = api.get(url);
      assertThat(r.statusCode()).as(url).isIn(200, 400);
      if (r.statusCode() == 400) {
        assertThat(url).as("only a search without q may be refused")
            .isEqualTo("/api/papers/search");
      }
    }
  }
}
