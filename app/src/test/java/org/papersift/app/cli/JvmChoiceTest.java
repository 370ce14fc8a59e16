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
 * The launcher runs a short bulk ingest with the client compiler only and Parallel GC, everything
 * else with the JVM's defaults (scripts/java-env.sh); benchmark output says which JIT and GC ran.
 */
class JvmChoiceTest {
  @TempDir Path tmp;

  /** What the launcher's {@code papersift_jvm_options} prints for these arguments. */
  private static String launcherJvm(String... args) throws Exception {
    return launcherJvm(Map.of(), args);
  }

  private static String launcherJvm(Map<String, String> env, String... args) throws Exception {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("scripts/java-env.sh");
    assertThat(script).exists();
    List<String> cmd = new ArrayList<>(List.of("bash", "-c",
        ". \"$0\"; papersift_jvm_options \"$@\"", script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("PAPERSIFT_SHORT_INGEST_MB");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void launcherGivesIngestTheClientCompilerAndParallelGc() throws Exception {
    String c1 = "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC";
    assertThat(launcherJvm("ingest", "papers.jsonl.gz")).isEqualTo(c1);
    assertThat(launcherJvm("--data", "/srv/ps", "ingest", "a.jsonl", "b.json")).isEqualTo(c1);
    assertThat(launcherJvm("--data=/srv/ps", "bench", "ingest", "--json", "a.jsonl"))
        .isEqualTo(c1);
  }

  @Test
  void aLongIngestKeepsTheJvmDefaults() throws Exception {
    Path small = tmp.resolve("small.jsonl");
    Files.write(small, new byte[600 * 1024]);
    Path big = tmp.resolve("big.jsonl");
    Files.write(big, new byte[1536 * 1024]);
    Map<String, String> oneMb = Map.of("PAPERSIFT_SHORT_INGEST_MB", "1");
    assertThat(launcherJvm(oneMb, "ingest", small.toString())).isNotEmpty();
    assertThat(launcherJvm(oneMb, "ingest", big.toString())).isEmpty();
    assertThat(launcherJvm(oneMb, "ingest", small.toString(), small.toString()))
        .as("the inputs together").isEmpty();
    assertThat(launcherJvm(oneMb, "bench", "ingest", big.toString())).isEmpty();
    assertThat(launcherJvm("ingest", big.toString())).as("under the default 100 MB").isNotEmpty();
  }

  @Test
  void launcherKeepsTheJvmDefaultsForEverythingElse() throws Exception {
    assertThat(launcherJvm("serve")).isEmpty();
    assertThat(launcherJvm("--data", "ingest", "serve")).as("a data dir named ingest").isEmpty();
    assertThat(launcherJvm("search", "ingest")).as("a query word").isEmpty();
    assertThat(launcherJvm("bench", "search", "--queries", "q.jsonl")).isEmpty();
    assertThat(launcherJvm("bench", "http")).isEmpty();
    assertThat(launcherJvm("digest", "run")).isEmpty();
    assertThat(launcherJvm()).isEmpty();
  }

  @Test
  void benchmarkOutputNamesTheJitAndGc() throws Exception {
    assertThat(Machine.jit()).as("this test JVM runs the default JIT").isEqualTo("tiered C1+C2");

    Path file = tmp.resolve("papers.jsonl");
    Files.writeString(file, "{\"id\":\"2601.00001\",\"title\":\"Sparse graphs\"}\n", UTF_8);
    Process child = ChildCli.start(tmp,
        Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"),
        "--data", tmp.resolve("data").toString(), "bench", "ingest", file.toString());
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(ChildCli.output(tmp)).isTrue();
    assertThat(child.exitValue()).as(ChildCli.output(tmp)).isZero();
    assertThat(Files.readString(tmp.resolve("child.out")))
        .contains("; JIT C1 only (TieredStopAtLevel=1); GC Parallel; ");
  }
}
