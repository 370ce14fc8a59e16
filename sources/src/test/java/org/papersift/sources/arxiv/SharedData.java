package org.papersift.sources.arxiv;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The recorded arXiv responses under the shared data directory. They are read in place, never
 * copied into the repository. Missing data skips the test locally but fails it on CI, where a
 * silent skip would hide that nothing was tested.
 */
final class SharedData {
  private SharedData() {}

  static Path samples() {
    String configured = System.getProperty("papersift.shared");
    Path shared = configured != null && !configured.isBlank()
        ? Path.of(configured) : Path.of("..", "shared");
    Path dir = shared.resolve("data").resolve("arxiv-api-samples").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      String message = "recorded arXiv responses not found at " + dir
          + " (set -Dpapersift.shared=<dir containing data/arxiv-api-samples>)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return dir;
  }

  static byte[] read(String relative) {
    try {
      return Files.readAllBytes(samples().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
