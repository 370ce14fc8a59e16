package org.papersift.app.cli;

import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import org.papersift.app.harvest.HarvestStatus;
import org.papersift.app.harvest.OaiHarvest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** papersift status: what the data directory holds and how far the index has caught up. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show what the data directory holds and how far the index has caught up.",
        "Papers stored and keyword-indexed, the change sequence of each, harvest positions."})
final class StatusCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(names = "--catch-up", description = "Bring the index up to the store first.")
  boolean catchUp;

  @Override
  public Integer call() {
    try (Papersift app = Papersift.open(main.dataDir())) {
      if (catchUp) {
        app.catchUpIndex(n -> { });
      }
      System.out.println("data directory: " + app.dir().root());
      System.out.printf("papers stored:          %,d (change seq %,d)%n", app.store().count(),
          app.store().lastSeq());
      System.out.printf("papers keyword-indexed: %,d (change seq %,d)%s%n", app.index().count(),
          app.index().appliedSeq(), app.index().writable() ? "" : " (read-only: in use)");
      System.out.printf("papers embedded:        %,d (%s)%n", app.embeddedCount(),
          app.semantic().model().id());
      app.store().jobStates(OaiHarvest.STATE_PREFIX).forEach((k, v) ->
          System.out.println("next harvest from:      " + v + "  ("
              + k.substring(OaiHarvest.STATE_PREFIX.length()) + ")"));
      HarvestStatus harvest = HarvestStatus.read(app.store());
      if (harvest.lastSuccess() != null) {
        System.out.println("last harvest:           " + harvest.lastSuccess());
      }
      if (harvest.problem() != null) {
        System.out.println("harvest problem:        " + harvest.problem());
      }
    }
    return Main.EXIT_OK;
  }
}
