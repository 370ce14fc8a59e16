package org.papersift.app.cli;

import java.nio.file.Path;
import org.papersift.app.DataDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code papersift} command. */
@Command(name = "papersift", mixinStandardHelpOptions = true, version = "papersift 0.1.0",
    description = "Research-paper discovery: ingest papers from arXiv and files, search them.",
    subcommands = {ServeCommand.class, IngestCommand.class, HarvestCommand.class,
        EmbedCommand.class, SearchCommand.class, SimilarCommand.class, OptimizeCommand.class,
        StatusCommand.class, DigestCommand.class, AdminCommand.class, EvalCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 failed, 2 bad usage, 3 done but some input was rejected.",
        "Environment: PAPERSIFT_DATA (data directory); for harvest: PAPERSIFT_OAI_URL,",
        "PAPERSIFT_ARXIV_API_URL, PAPERSIFT_ARXIV_INTERVAL_MS, PAPERSIFT_ARXIV_TIMEOUT_MS,",
        "PAPERSIFT_ARXIV_RETRIES; for mail: see 'papersift digest --help'. Set PAPERSIFT_DEBUG=1",
        "for stack traces."})
public final class Main implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_REJECTED = 3;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (default: $PAPERSIFT_DATA, else ./data).")
  Path data;

  DataDir dataDir() {
    return DataDir.resolve(data);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  // Lucene logs through java.util.logging whether the Vector API is enabled; not news for a
  // reader of the CLI. Held in a field: java.util.logging keeps only weak references.
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code; used by tests too. */
  public static int execute(String... args) {
    LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
    CommandLine cli = new CommandLine(new Main());
    cli.setUsageHelpWidth(100);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("papersift: " + describe(e));
      if (System.getenv("PAPERSIFT_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return e instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILED;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("papersift: " + e.getMessage());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      return EXIT_USAGE;
    });
    return cli.execute(args);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m;
  }
}
