package org.papersift.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/** The real papersift CLI in a child JVM (to kill it with SIGKILL), and a read-only look at its store. */
final class ChildCli {
  private ChildCli() {}

  /**
   * Starts {@code papersift ARGS} in a child JVM with this test's class path, stdout and stderr
   * in {@code logDir}. The child sees no PAPERSIFT_* variable of this process, only {@code env}.
   */
  static Process start(Path logDir, Map<String, String> env, String... args) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m",
        "--enable-native-access=ALL-UNNAMED", Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(logDir.resolve("child.out").toFile())
        .redirectError(logDir.resolve("child.err").toFile());
    // The class path goes in the environment, not on the command line, to keep the command line
    // short (a long one once crashed ONNX Runtime's start-up; see Embedder).
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().keySet().removeIf(k -> k.startsWith("PAPERSIFT_"));
    pb.environment().put("PAPERSIFT_NO_PROGRESS", "1");
    pb.environment().putAll(env);
    return pb.start();
  }

  static String output(Path logDir) throws IOException {
    return "--- child stdout\n" + Files.readString(logDir.resolve("child.out"))
        + "--- child stderr\n" + Files.readString(logDir.resolve("child.err"));
  }

  static Connection readOnly(Path db) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
  }
}
