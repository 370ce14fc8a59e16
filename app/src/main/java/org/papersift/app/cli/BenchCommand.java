package org.papersift.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench")
final class BenchCommand implements Callable<Integer> {
  static final String LAST_HARVEST_KEY = "harvest";

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("TODO");
  }
}
