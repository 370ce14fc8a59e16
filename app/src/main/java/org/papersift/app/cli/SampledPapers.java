package org.papersift.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.papersift.core.paper.Paper;
import org.papersift.sources.file.PaperFileReader;
import org.papersift.sources.file.RecordSink;

/** Every n-th record of a papers file: the benchmarks' deterministic sample of queries. */
final class SampledPapers {
  private SampledPapers() {}

  /** True for the file names {@link #every} reads; anything else is a text file of queries. */
  static boolean isPapersFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json.gz");
  }

  /** Records 0, n, 2n, ... of the file (rejected records count as positions too). */
  static List<Paper> every(Path file, int n) throws IOException {
    if (n < 1) {
      throw new IllegalArgumentException("--every must be at least 1, got " + n);
    }
    List<Paper> picked = new ArrayList<>();
    long[] position = {0};
    PaperFileReader.Result r = new PaperFileReader(file).read(new RecordSink() {
      @Override
      public void accept(Paper paper, String where) {
        if (position[0]++ % n == 0) {
          picked.add(paper);
        }
      }

      @Override
      public void reject(String where, String reason) {
        position[0]++;
      }
    });
    if (r.fileError() != null) {
      throw new IllegalArgumentException(r.fileError());
    }
    return picked;
  }
}
