package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher runs a bulk ingest with the client compiler only and everything else with the
 * default JIT (scripts/java-env.sh); benchmark output says which JIT ran.
 */
class JitChoiceTest {
  @TempDir Path tmp;

  /** What the launcher's {@code papersift_jit_options} prints for these arguments. */
  private static String launcherJit(String... args) throws Exception {
    Path env = Path.of("").toAbsolutePath().getParent().resolve("scripts/java-env.sh");
    assertThat(env).exists();
    List<String> cmd = new ArrayList<>(List.of("bash", "-c",
        ". \"$0\"; papersift_jit_options \"$@\"", env.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void launcherGivesIngestTheClientCompilerOnly() throws Exception {
    String c1 = "-XX:TieredStopAtLevel=1";
    assertThat(launcherJit("ingest", "papers.jsonl.gz")).isEqualTo(c1);
    assertThat(launcherJit("--data", "/srv/ps", "ingest", "a.jsonl", "b.json")).isEqualTo(c1);
    assertThat(launcherJit("--data=/srv/ps", "bench", "ingest", "--json", "a.jsonl"))
        .isEqualTo(c1);
  }

  @Test
  void launcherKeepsTheDefaultJitForEverythingElse() throws Exception {
    assertThat(launcherJit("serve")).isEmpty();
    assertThat(launcherJit("--data", "ingest", "serve")).as("a data dir named ingest").isEmpty();
    assertThat(launcherJit("search", "ingest")).as("a query word").isEmpty();
    assertThat(launcherJit("bench", "search", "--queries", "q.jsonl")).isEmpty();
    assertThat(launcherJit("bench", "http")).isEmpty();
    assertThat(launcherJit("digest", "run")).isEmpty();
    assertThat(launcherJit()).isEmpty();
  }

  @Test
  void benchmarkOutputNamesTheJit() throws Exception {
    assertThat(Machine.jit()).as("this test JVM runs the default JIT").isEqualTo("tiered C1+C2");

    Path file = tmp.resolve("papers.jsonl");
    Files.writeString(file, "{\"id\":\"2601.00001\",\"title\":\"Sparse graphs\"}\n", UTF_8);
    Process child = ChildCli.start(tmp, Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
        "--data", tmp.resolve("data").toString(), "bench", "ingest", file.toString());
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(ChildCli.output(tmp)).isTrue();
    assertThat(child.exitValue()).as(ChildCli.output(tmp)).isZero();
    assertThat(Files.readString(tmp.resolve("child.out")))
        .contains("; JIT C1 only (TieredStopAtLevel=1); ");
  }
}
