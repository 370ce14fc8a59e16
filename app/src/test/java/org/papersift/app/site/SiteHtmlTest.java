package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page type of the real site, as the server sends it, passes the Nu HTML Checker (the
 * W3C's validator, run in-process): no errors, no warnings.
 */
class SiteHtmlTest {
  @TempDir static Path dataDir;
  static RunningSite site;

  @BeforeAll
  static void start() {
    site = RunningSite.start(dataDir);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/daily?date=2025-03-18", "/daily?week=2025-W12",
      "/daily?month=2025-03&sort=trending", "/trending", "/search", "/search?q=graph+networks",
      "/search?q=cat:cs.CL+diffusion&mode=bm25", "/search?q=%22unbalanced", "/papers/2503.10001",
      "/papers/" + RunningSite.XSS_ID, "/authors/Ada%20Lovelace", "/status", "/signin",
      "/signup"})
  void pageIsValidHtml(String path) throws Exception {
    String html = site.fetch(path);
    EmbeddedValidator validator = new EmbeddedValidator();
    validator.setOutputFormat(EmbeddedValidator.OutputFormat.TEXT);
    String report = validator.validate(
        new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    List<String> problems = report.lines()
        .filter(l -> l.startsWith("Error") || l.startsWith("Warning")
            || l.contains("error:") || l.contains("warning:"))
        .toList();
    assertThat(problems).as(path + "\n" + report).isEmpty();
  }
}
