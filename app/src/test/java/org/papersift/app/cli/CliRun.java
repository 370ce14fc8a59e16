package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One in-process run of the real command line, with what it printed. Swaps System.out and
 * System.err for the run, so runs must not overlap (surefire runs test classes one at a time).
 */
record CliRun(int exit, String out, String err) {
  // As Main.main does: Lucene's java.util.logging note about the Vector API is not output of
  // papersift. Held in a field because java.util.logging keeps loggers only weakly.
  private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");

  /** Silences Lucene's start-up logging in this JVM; call before the first index is opened. */
  static void quietLucene() {
    LUCENE_LOG.setLevel(Level.SEVERE);
  }

  static CliRun run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, UTF_8);
         PrintStream e = new PrintStream(err, true, UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      exit = Main.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new CliRun(exit, out.toString(UTF_8), err.toString(UTF_8));
  }

  /** {@code --data dir} followed by {@code args}. */
  static CliRun in(Path dataDir, String... args) {
    List<String> all = new ArrayList<>(List.of("--data", dataDir.toString()));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  /**
   * Stderr without the warning Lucene logs (through java.util.logging) the first time it loads
   * in a JVM started without the vector incubator module: it is not papersift's output.
   */
  String errWithoutJvmWarnings() {
    StringBuilder sb = new StringBuilder();
    List<String> lines = err.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.contains("org.apache.lucene.internal.vectorization.VectorizationProvider")
          || l.startsWith("WARNING: Java vector incubator module")) {
        continue;
      }
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  /** Asserts the run printed no Java stack trace, whatever its exit code. */
  CliRun noStackTrace() {
    for (String s : List.of(out, err)) {
      assertThat(s).doesNotContain("\tat ").doesNotContain("Exception in thread")
          .doesNotContain("Caused by:");
    }
    return this;
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
