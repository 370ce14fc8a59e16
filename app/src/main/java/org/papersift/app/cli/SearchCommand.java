package org.papersift.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.papersift.app.Papersift;
import org.papersift.core.paper.Paper;
import org.papersift.core.query.Hit;
import org.papersift.core.query.SearchMode;
import org.papersift.core.query.SearchQuery;
import org.papersift.core.query.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** papersift search "QUERY": keyword search with filters. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search papers: keywords (BM25), meaning (embeddings), or both (default).",
        "A pasted abstract works as a query.",
        "Filters inside the query: cat:cs.CL (cat:cs = every cs.*), author:\"Ada Lovelace\",",
        "from:2025-03-01, to:2025-06, date:2025-03-01..2025-03-31.",
        "Lucene syntax works (title:attention, \"exact phrase\", +must -not, word*);",
        "invalid syntax is searched as plain words, with a note."})
final class SearchCommand implements Callable<Integer> {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand Main main;

  @Parameters(paramLabel = "QUERY", description = "What to search for.")
  String query;

  @Option(names = {"-n", "--limit"}, defaultValue = "10",
      description = "Number of results, 1-" + SearchQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print a JSON array of {id, title, score, ...}.")
  boolean json;

  @Option(names = "--mode", defaultValue = "hybrid",
      description = "Ranking: bm25 (keywords), dense (meaning), hybrid (both; default).")
  String mode;

  @Option(names = "--cat", paramLabel = "CATEGORY", description = "Only these categories (repeatable).")
  List<String> categories = List.of();

  @Option(names = "--author", paramLabel = "NAME", description = "Only papers by this author (repeatable).")
  List<String> authors = List.of();

  @Option(names = "--from", paramLabel = "DATE", description = "Published on or after (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Published on or before (YYYY-MM-DD).")
  LocalDate to;

  @Override
  public Integer call() {
    SearchQuery q = SearchQuery.parse(query, limit).withFilters(categories, authors, from, to);
    SearchMode.of(mode);
    try (Papersift app = Papersift.open(main.dataDir())) {
      app.catchUpIndex(n -> { });
      SearchResult result = app.search(q, SearchMode.of(mode));
      for (String note : result.notes()) {
        System.err.println("note: " + note);
      }
      Map<String, Paper> papers = app.store().findAll(
          result.hits().stream().map(Hit::id).toList());
      print(result, papers, json);
    }
    return Main.EXIT_OK;
  }

  static void print(SearchResult result, Map<String, Paper> papers, boolean json) {
    if (json) {
      printJson(result, papers);
    } else {
      printText(result, papers);
    }
  }

  private static void printJson(SearchResult result, Map<String, Paper> papers) {
    ArrayNode array = JSON.createArrayNode();
    for (Hit h : result.hits()) {
      array.add(hitJson(h, papers.get(h.id())));
    }
    try {
      System.out.println(JSON.writeValueAsString(array));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode hitJson(Hit h, Paper p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", h.id());
    o.put("title", h.title());
    o.put("score", h.score());
    if (p != null) {
      o.putPOJO("authors", p.authors());
      o.putPOJO("categories", p.categories());
      o.put("published", p.published() == null ? null : p.published().toString());
      if (p.version() > 0) {
        o.put("version", p.version());
      }
    }
    return o;
  }

  private static void printText(SearchResult result, Map<String, Paper> papers) {
    if (result.hits().isEmpty()) {
      System.out.println("no papers match");
      return;
    }
    int rank = 0;
    for (Hit h : result.hits()) {
      Paper p = papers.get(h.id());
      System.out.printf("%2d. %-12s %s%n", ++rank, h.id(), h.title());
      if (p != null) {
        String authors = p.authors().size() > 3
            ? String.join(", ", p.authors().subList(0, 3)) + " et al."
            : String.join(", ", p.authors());
        System.out.printf("    %s | %s | %s | score %.2f%n", authors.isEmpty() ? "-" : authors,
            p.published() == null ? "-" : p.published(),
            p.categories().isEmpty() ? "-" : String.join(" ", p.categories()), h.score());
      }
    }
    System.out.printf("(%,d matching papers)%n", result.totalMatches());
  }
}
