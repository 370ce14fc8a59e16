package org.papersift.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code papersift search} over 30 fixture papers written here. Queries without words list the
 * matching papers newest first, which makes filter results exact and ordered.
 */
class SearchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    CliRun.quietLucene();
  }

  @TempDir static Path tmp;
  private static Path data;

  private record Fixture(int n, String title, String abstractText, List<String> authors,
      List<String> categories, String published) {}

  private static final List<Fixture> PAPERS = List.of(
      new Fixture(1, "Zeolite catalysts for cracking",
          "We study zeolite frameworks for catalytic cracking of hydrocarbons.",
          List.of("Marie Curie"), List.of("physics.chem-ph"), "2024-01-05"),
      new Fixture(2, "Porous frameworks",
          "Zeolite pores trap small molecules in porous frameworks.",
          List.of("Pierre Curie"), List.of("physics.chem-ph"), "2024-01-12"),
      new Fixture(3, "Molecular sieves",
          "A long survey of molecular sieves, membranes, adsorption, diffusion, selectivity,"
              + " stability, synthesis routes, templating agents, industrial reactors, costs,"
              + " and one mention of zeolite among many other materials studied over decades.",
          List.of("Irene Joliot"), List.of("cond-mat.mtrl-sci"), "2024-01-19"),
      new Fixture(4, "Analytical engines and poetry", "Notes on the analytical engine.",
          List.of("Ada Lovelace", "Charles Babbage"), List.of("cs.CL", "cs.AI"), "2024-02-02"),
      new Fixture(5, "Jacquard looms revisited", "Punched cards drive the loom.",
          List.of("Ada Smith", "Bob Lovelace"), List.of("cs.AI"), "2024-02-09"),
      new Fixture(6, "Transformer language models",
          "Attention based transformer models for language.",
          List.of("Grace Hopper"), List.of("cs.CL"), "2024-02-16"),
      new Fixture(7, "Speech recognition with transformers",
          "A transformer acoustic model for speech.",
          List.of("Alan Turing"), List.of("cs.CL", "eess.AS"), "2024-03-01"),
      new Fixture(8, "Graph colouring bounds", "New bounds for the chromatic number.",
          List.of("Paul Erdos"), List.of("math.CO", "cs.DM"), "2024-03-08"),
      new Fixture(9, "Sum-free sets", "Additive combinatorics of sum-free sets.",
          List.of("Terence Tao"), List.of("math.CO"), "2024-03-15"),
      new Fixture(10, "Neural machine translation", "Encoder decoder translation.",
          List.of("Kyunghyun Cho"), List.of("cs.CL"), "2024-03-22"),
      new Fixture(11, "Image segmentation", "Pixel labelling with convolutions.",
          List.of("Fei-Fei Li"), List.of("cs.CV"), "2024-04-05"),
      new Fixture(12, "Galaxy rotation curves", "Flat rotation curves of spiral galaxies.",
          List.of("Vera Rubin"), List.of("astro-ph.GA"), "2024-04-12"),
      new Fixture(13, "Dark matter halos", "Missing mass in clusters.",
          List.of("Fritz Zwicky"), List.of("astro-ph.CO"), "2024-04-19"),
      new Fixture(14, "Protein folding", "Hydrogen bonds in alpha helices.",
          List.of("Linus Pauling"), List.of("q-bio.BM"), "2024-05-03"),
      new Fixture(15, "Quantum error correction", "Codes that protect qubits.",
          List.of("Peter Shor"), List.of("quant-ph", "cs.ET"), "2024-05-10"),
      new Fixture(16, "Reinforcement learning for robots", "Reward signals for grasping.",
          List.of("Richard Sutton"), List.of("cs.LG", "cs.RO"), "2024-05-17"),
      new Fixture(17, "Emission spectra", "Spectra of a planetary nebula.",
          List.of("Henrietta Leavitt"), List.of("astro-ph.SR"), "2024-06-07"),
      new Fixture(18, "Tokenization for low resource languages", "Subword units compared.",
          List.of("Emily Bender"), List.of("cs.CL"), "2024-06-14"),
      new Fixture(19, "Sparse matrix multiplication", "Kernels for sparse products.",
          List.of("Jack Dongarra"), List.of("cs.MS"), "2024-06-21"),
      new Fixture(20, "Monsoon forecasting", "Seasonal rainfall prediction.",
          List.of("Gilbert Walker"), List.of("physics.ao-ph"), "2024-07-05"),
      new Fixture(21, "Topological insulators", "Edge states in insulators.",
          List.of("Charles Kane"), List.of("cond-mat.mes-hall"), "2024-07-12"),
      new Fixture(22, "Prime gaps", "Bounded gaps between primes.",
          List.of("Yitang Zhang"), List.of("math.NT"), "2024-07-19"),
      new Fixture(23, "Dialogue systems evaluation", "Judging chatbots by humans.",
          List.of("Ada Lovelace"), List.of("cs.CL"), "2024-08-02"),
      new Fixture(24, "Knot invariants", "Polynomials of knots.",
          List.of("Vaughan Jones"), List.of("math.GT"), "2024-08-09"),
      new Fixture(25, "Federated learning privacy", "Differential privacy for clients.",
          List.of("Cynthia Dwork"), List.of("cs.CR", "cs.LG"), "2024-08-16"),
      new Fixture(26, "Climate model ensembles", "Ensembles of coupled models.",
          List.of("Syukuro Manabe"), List.of("physics.ao-ph"), "2024-09-06"),
      new Fixture(27, "Bayesian optimisation", "Expensive black box functions.",
          List.of("Jonas Mockus"), List.of("stat.ML", "cs.LG"), "2024-09-13"),
      new Fixture(28, "Cosmic microwave background", "Excess antenna temperature.",
          List.of("Arno Penzias"), List.of("astro-ph.CO"), "2024-10-04"),
      new Fixture(29, "Large language model alignment", "Human feedback for alignment.",
          List.of("Jan Leike"), List.of("cs.CL", "cs.AI"), "2024-10-11"),
      // no published date: filters and ordering fall back to the updated date
      new Fixture(30, "Battery electrolytes", "Lithium salts in solvents.",
          List.of("John Goodenough"), List.of("cond-mat.mtrl-sci"), null));

  static String id(int n) {
    return String.format("2401.%05d", n);
  }

  @BeforeAll
  static void ingestFixture() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Fixture f : PAPERS) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id(f.n()));
      m.put("title", f.title());
      m.put("abstract", f.abstractText());
      m.put("authors", f.authors());
      m.put("categories", f.categories());
      if (f.published() != null) {
        m.put("published", f.published());
      } else {
        m.put("updated", "2024-11-01");
      }
      lines.add(JSON.writeValueAsString(m));
    }
    Path file = tmp.resolve("fixture.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", UTF_8);
    data = tmp.resolve("data");
    CliRun run = CliRun.in(data, "ingest", file.toString());
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).contains("store: 30 papers; keyword index: 30 papers");
  }

  private static CliRun search(String... args) {
    List<String> all = new ArrayList<>(List.of("search"));
    all.addAll(List.of(args));
    return CliRun.in(data, all.toArray(String[]::new)).noStackTrace();
  }

  /** Runs the search with --json (and --limit 50 unless given) and returns the hit ids. */
  private static List<String> ids(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    if (!all.contains("--limit") && !all.contains("-n")) {
      all.addAll(List.of("--limit", "50"));
    }
    CliRun run = search(all.toArray(String[]::new));
    assertThat(run.exit()).as("%s", run).isZero();
    List<String> ids = new ArrayList<>();
    for (JsonNode hit : parseArray(run)) {
      ids.add(hit.get("id").asText());
    }
    return ids;
  }

  private static JsonNode parseArray(CliRun run) {
    try {
      JsonNode array = JSON.readTree(run.out());
      assertThat(array.isArray()).as("%s", run).isTrue();
      return array;
    } catch (IOException e) {
      throw new AssertionError("stdout is not JSON: " + run, e);
    }
  }

  private static List<String> ids(int... ns) {
    List<String> out = new ArrayList<>();
    for (int n : ns) {
      out.add(id(n));
    }
    return out;
  }

  @Test
  void jsonHitsAreRankedWithIdTitleAndScore() {
    CliRun run = search("zeolite", "--json");
    assertThat(run.exit()).as("%s", run).isZero();
    JsonNode hits = parseArray(run);
    assertThat(hits).hasSize(3);
    // title and abstract > abstract only (short) > abstract only (long)
    assertThat(hits.findValuesAsText("id")).containsExactly(id(1), id(2), id(3));
    JsonNode top = hits.get(0);
    assertThat(top.get("title").asText()).isEqualTo("Zeolite catalysts for cracking");
    assertThat(top.get("authors")).hasSize(1);
    assertThat(top.get("authors").get(0).asText()).isEqualTo("Marie Curie");
    assertThat(top.get("categories").get(0).asText()).isEqualTo("physics.chem-ph");
    assertThat(top.get("published").asText()).isEqualTo("2024-01-05");
    double s1 = hits.get(0).get("score").asDouble();
    double s2 = hits.get(1).get("score").asDouble();
    double s3 = hits.get(2).get("score").asDouble();
    assertThat(s1).isGreaterThan(s2);
    assertThat(s2).isGreaterThan(s3);
    assertThat(s3).isPositive();
  }

  @Test
  void textOutputListsRankAuthorsDateCategoriesAndTotal() {
    CliRun run = search("zeolite");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains(" 1. 2401.00001   Zeolite catalysts for cracking")
        .contains("    Marie Curie | 2024-01-05 | physics.chem-ph | score ")
        .contains(" 3. 2401.00003   Molecular sieves")
        .contains("(3 matching papers)");

    CliRun none = search("xylophone");
    assertThat(none.exit()).isZero();
    assertThat(none.out()).isEqualTo("no papers match" + System.lineSeparator());
  }

  @Test
  void limitIsRespected() {
    assertThat(ids("zeolite", "--limit", "2")).containsExactly(id(1), id(2));
    assertThat(ids("zeolite", "-n", "1")).containsExactly(id(1));
    assertThat(ids("cat:cs")).hasSize(15);
    assertThat(ids("cat:cs", "--limit", "3")).containsExactlyElementsOf(ids(29, 27, 25));
    // default limit is 10
    CliRun run = search("cat:cs", "--json");
    assertThat(parseArray(run)).hasSize(10);
  }

  @Test
  void categoryFilters() {
    assertThat(ids("cat:cs.CL")).containsExactlyElementsOf(ids(29, 23, 18, 10, 7, 6, 4));
    assertThat(ids("cat:cs.cl")).containsExactlyElementsOf(ids(29, 23, 18, 10, 7, 6, 4));
    // the archive matches every category in it, primary or not
    assertThat(ids("cat:cs")).containsExactlyElementsOf(
        ids(29, 27, 25, 23, 19, 18, 16, 15, 11, 10, 8, 7, 6, 5, 4));
    // several categories are alternatives
    assertThat(ids("cat:math.CO category:astro-ph.CO"))
        .containsExactlyElementsOf(ids(28, 13, 9, 8));
    assertThat(ids("", "--cat", "math.CO", "--cat", "astro-ph.CO"))
        .containsExactlyElementsOf(ids(28, 13, 9, 8));
    assertThat(ids("transformer cat:cs.CL")).containsExactlyInAnyOrderElementsOf(ids(6, 7));
    assertThat(ids("transformer", "--cat", "eess.AS")).containsExactly(id(7));
    assertThat(ids("zeolite cat:cs")).isEmpty();
    assertThat(ids("cat:c")).as("no prefix matching below the archive").isEmpty();
  }

  @Test
  void authorFilterMatchesAPhraseWithinOneAuthor() {
    assertThat(ids("author:\"Ada Lovelace\"")).containsExactlyElementsOf(ids(23, 4));
    assertThat(ids("", "--author", "Ada Lovelace")).containsExactlyElementsOf(ids(23, 4));
    assertThat(ids("author:lovelace")).containsExactlyElementsOf(ids(23, 5, 4));
    assertThat(ids("author:\"charles babbage\"")).containsExactly(id(4));
    // paper 5 has an "Ada" and a "Lovelace", but in two different authors
    assertThat(ids("author:\"Ada Lovelace\"")).doesNotContain(id(5));
    // the end of one author and the start of the next are not a phrase
    assertThat(ids("author:\"Lovelace Charles\"")).isEmpty();
    // several author filters must all match
    assertThat(ids("author:\"Ada Lovelace\" author:Babbage")).containsExactly(id(4));
    assertThat(ids("engine author:Erdos")).isEmpty();
  }

  @Test
  void dateFilters() {
    assertThat(ids("from:2024-10-01")).containsExactlyElementsOf(ids(30, 29, 28));
    assertThat(ids("to:2024-01-12")).containsExactlyElementsOf(ids(2, 1));
    assertThat(ids("to:2024-01")).containsExactlyElementsOf(ids(3, 2, 1));
    assertThat(ids("from:2024-11")).containsExactly(id(30));
    assertThat(ids("date:2024-03-01..2024-03-31")).containsExactlyElementsOf(ids(10, 9, 8, 7));
    assertThat(ids("date:2024-03-08..2024-03-15")).containsExactlyElementsOf(ids(9, 8));
    assertThat(ids("from:2024-03-08 to:2024-03-08")).containsExactly(id(8));
    assertThat(ids("", "--from", "2024-03-01", "--to", "2024-03-15"))
        .containsExactlyElementsOf(ids(9, 8, 7));
    assertThat(ids("zeolite", "--to", "2024-01-12")).containsExactly(id(1), id(2));
    assertThat(ids("zeolite from:2024-01-06")).containsExactly(id(2), id(3));
    assertThat(ids("cat:cs.CL from:2024-03-01 to:2024-06-30"))
        .containsExactlyElementsOf(ids(18, 10, 7));
  }

  @Test
  void luceneSyntaxOnKnownFields() {
    assertThat(ids("title:zeolite")).containsExactly(id(1));
    assertThat(ids("\"analytical engine\"")).containsExactly(id(4));
    assertThat(ids("+zeolite -cracking")).containsExactly(id(2), id(3));
    assertThat(ids("id:2401.00022")).containsExactly(id(22));
  }

  @Test
  void unknownFieldIsSearchedAsPlainWordsWithANote() {
    CliRun spaced = search("quasar: nebula", "--json");
    assertThat(spaced.exit()).as("%s", spaced).isZero();
    assertThat(parseArray(spaced).findValuesAsText("id")).containsExactly(id(17));

    // The note says plain words, so "quasar" and "nebula" must be searched as two words
    // (the tokenizer alone keeps "quasar:nebula" as one token, which no paper has).
    CliRun run = search("quasar:nebula", "--json");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.errWithoutJvmWarnings()).startsWith("note: searched as plain words: ")
        .contains("\"quasar:\" is not a field");
    assertThat(parseArray(run).findValuesAsText("id")).as("%s", run).containsExactly(id(17));
  }

  @Test
  void oddInputsNeverFailAndSayWhatHappened() {
    List<String> odd = List.of("\"foo", "title:", "((((", "AND", "*", "the of and a",
        "zeolite)", "[", "title:\"unclosed", "\\", "~", "cat:", "a:b:c", "-", "+");
    for (String q : odd) {
      CliRun run = search(q);
      assertThat(run.exit()).as("query %s: %s", q, run).isIn(Main.EXIT_OK, Main.EXIT_USAGE);
      if (run.exit() == Main.EXIT_USAGE) {
        assertThat(run.err()).as("query %s", q).startsWith("papersift: ");
      }
    }
    CliRun quote = search("\"foo");
    assertThat(quote.exit()).isZero();
    assertThat(quote.errWithoutJvmWarnings()).contains("note: searched as plain words");

    for (String q : List.of("((((", "AND", "*", "the of and a")) {
      CliRun run = search(q);
      assertThat(run.exit()).as("query %s: %s", q, run).isZero();
      assertThat(run.out()).as("query %s", q).contains("no papers match");
      assertThat(run.errWithoutJvmWarnings()).as("query %s", q)
          .contains("note: the query has no searchable words");
    }
  }

  @Test
  void aPastedAbstractOf20000CharactersIsSearched() {
    String sentence = "We study zeolite frameworks and transformer language models for galaxy"
        + " rotation curves, monsoon forecasting and prime gaps in sparse settings. ";
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 20_000) {
      sb.append(sentence);
    }
    String pasted = sb.substring(0, 19_999) + "x";
    assertThat(pasted).hasSize(20_000);
    CliRun run = search(pasted, "--json");
    assertThat(run.exit()).as("%s", run.err()).isZero();
    assertThat(parseArray(run)).isNotEmpty();
    assertThat(run.errWithoutJvmWarnings()).contains("note: the query was cut to its first");

    CliRun tooLong = search(pasted + "y");
    assertThat(tooLong.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(tooLong.err()).contains("query has 20001 characters, at most 20000");
  }

  /**
   * Query syntax just under the clause limit on its own, plus filters: the filters must not push
   * the search over Lucene's clause limit into a failure.
   */
  @Test
  void longSyntaxQueryWithFiltersDoesNotFail() {
    StringBuilder sb = new StringBuilder("+zeolite");
    for (int i = 0; i < 511; i++) {
      sb.append(" w").append(Integer.toString(i, 36)).append('q');
    }
    CliRun run = search(sb + " cat:cs cat:physics author:\"Marie Curie\" from:2024", "--json");
    assertThat(run.exit()).as("%s", run.err()).isZero();
    assertThat(parseArray(run).findValuesAsText("id")).containsExactly(id(1));
  }

  @Test
  void badFiltersAndOptionsAreUsageErrorsNamingTheProblem() {
    CliRun date = search("zeolite from:notadate");
    assertThat(date.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(date.err()).startsWith("papersift: from: expected a date like 2025-03-18")
        .contains("\"notadate\"");

    CliRun to = search("date:2024-01-01..someday");
    assertThat(to.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(to.err()).startsWith("papersift: to: ");

    CliRun empty = search("date:2024-05-01..2024-04-01");
    assertThat(empty.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(empty.err()).contains("date range is empty");

    CliRun noAuthor = search("author:\"\"");
    assertThat(noAuthor.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(noAuthor.err()).contains("author: needs a value");

    CliRun zero = search("zeolite", "--limit", "0");
    assertThat(zero.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(zero.err()).contains("limit must be between 1 and 1000, got 0");

    CliRun tooMany = search("zeolite", "--limit", "1001");
    assertThat(tooMany.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(tooMany.err()).contains("got 1001");

    CliRun fromOption = search("zeolite", "--from", "notadate");
    assertThat(fromOption.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(fromOption.err()).contains("--from");

    CliRun noQuery = search();
    assertThat(noQuery.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(noQuery.err()).contains("QUERY");
  }

  @Test
  void emptyDataDirectoryFindsNothing() {
    CliRun run = CliRun.in(tmp.resolve("empty-data"), "search", "zeolite", "--json")
        .noStackTrace();
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(parseArray(run)).isEmpty();
  }
}
