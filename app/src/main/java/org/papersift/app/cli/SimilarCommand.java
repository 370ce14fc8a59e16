package org.papersift.app.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import org.papersift.core.paper.Paper;
import org.papersift.core.paper.PaperId;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** papersift similar ID: the papers closest to one paper, or to a text. */
@Command(name = "similar", mixinStandardHelpOptions = true,
    description = {"Papers similar to a stored paper (its vector and its words), or to a text",
        "(--text). The paper itself is left out. Same output as search."})
final class SimilarCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(paramLabel = "ID", arity = "0..1", description = "A stored paper's id.")
  String id;

  @Option(names = "--text", description = "Find papers similar to this text instead.")
  String text;

  @Option(names = {"-n", "--limit"}, defaultValue = "10",
      description = "Number of results (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print a JSON array of {id, title, score, ...}.")
  boolean json;

  @Option(names = "--cat", paramLabel = "CATEGORY", description = "Only these categories.")
  List<String> categories = List.of();

  @Override
  public Integer call() {
    if ((id == null) == (text == null || text.isBlank())) {
      throw new IllegalArgumentException("give either a paper ID or --text \"...\"");
    }
    SearchQuery scope = new SearchQuery("", categories, List.of(), null, null, limit);
    try (Papersift app = Papersift.open(main.dataDir())) {
      app.catchUpIndex(n -> { });
      SearchResult result = app.similar(id == null ? null : PaperId.parse(id).id(), text, scope);
      for (String note : result.notes()) {
        System.err.println("note: " + note);
      }
      Map<String, Paper> papers = app.store().findAll(
          result.hits().stream().map(Hit::id).toList());
      SearchCommand.print(result, papers, json);
    }
    return Main.EXIT_OK;
  }
}
