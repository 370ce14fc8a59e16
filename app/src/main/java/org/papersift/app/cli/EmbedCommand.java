package org.papersift.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.papersift.app.Papersift;
import org.papersift.app.ProgressLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** papersift embed: computes the vectors semantic search needs, resuming where it stopped. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {"Embed stored papers for semantic search (model: $PAPERSIFT_MODEL, default",
        "bge-small-en-v1.5), then re-index them with their vectors. Resumable: a stopped run",
        "continues where it stopped and never embeds a paper twice. 'serve' does this in the",
        "background."})
final class EmbedCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() {
    try (Papersift app = Papersift.open(main.dataDir())) {
      long stored = app.store().count();
      long before = app.embeddedCount();
      System.out.printf("embed: %s (max %d tokens), %,d papers stored, %,d embedded%n",
          app.semantic().model().id(), app.semantic().maxTokens(), stored, before);
      AtomicLong done = new AtomicLong();
      long start = System.nanoTime();
      long n;
      try (ProgressLine line = ProgressLine.onTerminal(() -> {
        long now = before + done.get();
        double s = (System.nanoTime() - start) / 1e9;
        return ProgressLine.bar(stored == 0 ? 1 : (double) now / stored, 30)
            + String.format("  embedded %,d of %,d  (%.1f/s)", now, stored, done.get() / s);
      })) {
        line.start();
        n = app.catchUpEmbeddings(done::set);
      }
      double s = (System.nanoTime() - start) / 1e9;
      System.out.printf("embedded %,d papers in %.1f s (%.1f/s); %,d of %,d papers have vectors;"
          + " index: %,d papers%n", n, s, n / Math.max(s, 1e-9), app.embeddedCount(), stored,
          app.index().count());
      // Every embedded paper was indexed again: a bulk leaves many segments (see optimize).
      ServeCommand.mergeAfterBulk(app, n, "embedding", System.out);
    }
    return Main.EXIT_OK;
  }
}
