package org.papersift.app.cli;

import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** papersift optimize: merges the index so searches read fewer segments. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
    description = {"Merge the search index into few segments: faster searches after a bulk",
        "load. Takes seconds for the sample, minutes for millions of papers with vectors."})
final class OptimizeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--segments", defaultValue = "1",
      description = "Segments to merge into (default: ${DEFAULT-VALUE}).")
  int segments;

  @Override
  public Integer call() {
    if (segments < 1) {
      throw new IllegalArgumentException("--segments must be at least 1, got " + segments);
    }
    try (Papersift app = Papersift.open(main.dataDir())) {
      if (!app.index().writable()) {
        throw new IllegalStateException("another papersift process is writing the index in "
            + app.dir().root() + "; stop it first");
      }
      app.catchUpIndex(n -> { });
      int before = app.index().segments();
      long start = System.nanoTime();
      app.index().optimize(segments);
      System.out.printf("optimize: %,d papers, %d segments -> %d in %.1f s%n",
          app.index().count(), before, app.index().segments(),
          (System.nanoTime() - start) / 1e9);
    }
    return Main.EXIT_OK;
  }
}
