package org.papersift.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "eval")
final class EvalCommand implements Callable<Integer> {
  static final String LAST_HARVEST_KEY = "harvest";

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("TODO");
  }
}
