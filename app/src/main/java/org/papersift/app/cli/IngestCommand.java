package org.papersift.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.papersift.app.Papersift;
import org.papersift.app.ProgressLine;
import org.papersift.app.ingest.IngestPipeline;
import org.papersift.app.ingest.IngestTotals;
import org.papersift.sources.file.PaperFileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** papersift ingest FILE...: loads JSONL / arXiv snapshot files (plain or gzipped). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Load papers from JSONL or arXiv metadata snapshot files.",
        "Formats: JSONL (id, title, abstract, authors, categories, published, comment; only",
        "id and title required) or the arXiv metadata snapshot; plain or gzipped (detected).",
        "Bad records are reported with file and line; everything valid goes in.",
        "Running the same ingest twice changes nothing."})
final class IngestCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to load.")
  List<Path> files;

  @Option(names = "--show-rejected", paramLabel = "N", defaultValue = "100",
      description = "Print at most N rejected records (default: ${DEFAULT-VALUE}); all are counted.")
  int showRejected;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    try (Papersift app = Papersift.open(main.dataDir())) {
      out.println("ingest: " + files.size() + " file(s) into " + app.dir().root());
      IngestTotals totals = ingest(app, files, showRejected, true);
      printSummary(out, totals, app);
      return totals.clean() ? Main.EXIT_OK : Main.EXIT_REJECTED;
    }
  }

  /** Runs the pipeline over {@code files}, printing rejections to stderr. */
  static IngestTotals ingest(Papersift app, List<Path> files, int showRejected,
      boolean progress) {
    AtomicLong shown = new AtomicLong();
    List<PaperFileReader> readers = new ArrayList<>();
    for (Path f : files) {
      readers.add(new PaperFileReader(f));
    }
    long totalBytes = readers.stream().mapToLong(r -> Math.max(0, r.size())).sum();
    IngestPipeline[] pipeline = new IngestPipeline[1];
    ProgressLine line = progress ? ProgressLine.onTerminal(() -> {
      long done = readers.stream().mapToLong(PaperFileReader::bytesRead).sum();
      IngestPipeline p = pipeline[0];
      return ProgressLine.bar(totalBytes > 0 ? (double) done / totalBytes : 0, 30)
          + String.format("  read %,d  stored %,d  indexed %,d", p.read(), p.stored(),
              p.indexed());
    }) : new ProgressLine(System.err, () -> "", false);
    pipeline[0] = new IngestPipeline(app, (where, reason) -> {
      if (shown.incrementAndGet() <= showRejected) {
        line.println("rejected " + where + ": " + reason);
      }
    });
    IngestTotals totals;
    try (line) {
      line.start();
      totals = pipeline[0].run(sink -> {
        List<String> errors = new ArrayList<>();
        for (PaperFileReader r : readers) {
          PaperFileReader.Result result = r.read(sink);
          if (result.fileError() != null) {
            errors.add(result.fileError());
            line.println("error " + result.fileError());
          }
        }
        return errors;
      });
    }
    if (shown.get() > showRejected) {
      System.err.printf("(%,d more rejected records not shown; --show-rejected N shows more)%n",
          shown.get() - showRejected);
    }
    return totals;
  }

  static void printSummary(PrintStream out, IngestTotals t, Papersift app) {
    out.printf("read %,d records in %.1f s (%,.0f/s): new %,d, updated %,d, unchanged %,d,"
            + " rejected %,d%n", t.read(), t.elapsed().toNanos() / 1e9, t.perSecond(), t.added(),
        t.updated(), t.unchanged(), t.rejected());
    for (String e : t.fileErrors()) {
      out.println("file error: " + e);
    }
    out.printf("store: %,d papers; keyword index: %,d papers; embedded for semantic search:"
        + " %,d ('papersift embed' or 'papersift serve' embeds the rest)%n", app.store().count(),
        app.index().count(), app.embeddedCount());
  }
}
