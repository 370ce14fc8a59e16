package org.papersift.sources.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.sources.arxiv.AtomQuery.SortBy;
import org.papersift.sources.arxiv.AtomQuery.SortOrder;
import org.papersift.sources.arxiv.FixtureServer.Reply;
import org.papersift.sources.arxiv.FixtureServer.Request;

class AtomApiClientTest {
  /** The 2016 recordings have no index; they are served by their query. */
  private static final Map<String, String> OLD_LAYOUT = Map.of(
      key(null, "1111.2011v2", "0", "10"), "arxivpy2016_id_list_1111.2011v2.xml",
      key("au:del_maestro AND ti:checkerboard", null, "0", "10"),
          "arxivpy2016_q_au_del_maestro_AND_ti_checkerboard.xml",
      key("au:del_maestro AND ti:quantum_criticality", null, "0", "10"),
          "arxivpy2016_q_au_del_maestro_AND_ti_quantum_criticality.xml");

  private final FakeTime time = new FakeTime();
  private Map<String, Reply> recorded;
  private FixtureServer server;
  private PoliteHttp http;
  private AtomApiClient client;

  @BeforeEach
  void start() throws Exception {
    recorded = loadRecordings();
    server = new FixtureServer(this::route);
    http = PoliteHttp.builder().timeSource(time).maxRetries(0).build();
    client = new AtomApiClient(http, server.uri("/api/query"));
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Maps each recorded request (from INDEX_arxivpy.json) to its file and status. */
  private static Map<String, Reply> loadRecordings() throws IOException {
    Map<String, Reply> byKey = new HashMap<>();
    JsonNode index = new ObjectMapper().readTree(SharedData.read("atom_api/INDEX_arxivpy.json"));
    for (JsonNode item : index) {
      var q = FixtureServer.parseQuery(URI.create(item.get("request_url").asText()).getRawQuery());
      byKey.put(key(q.get("search_query"), q.get("id_list"), q.get("start"), q.get("max_results")),
          Reply.ok(SharedData.read("atom_api/" + item.get("file").asText()))
              .withStatus(item.get("status_code").asInt()));
    }
    OLD_LAYOUT.forEach((k, file) -> byKey.put(k, Reply.ok(SharedData.read("atom_api/" + file))));
    return byKey;
  }

  private static String key(String searchQuery, String idList, String start, String max) {
    return blankToNull(searchQuery) + "|" + blankToNull(idList) + "|" + start + "|" + max;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private Reply route(Request r) {
    Reply reply = recorded.get(key(r.param("search_query"), r.param("id_list"), r.param("start"),
        r.param("max_results")));
    return reply != null ? reply : Reply.status(404);
  }

  private static AtomEntry only(List<AtomPage> pages) {
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).entries()).hasSize(1);
    return pages.get(0).entries().get(0);
  }

  private List<AtomPage> fetchAll(AtomQuery query) {
    List<AtomPage> pages = new ArrayList<>();
    client.search(query, pages::add);
    return pages;
  }

  @Test
  void pagesWithStartAndMaxResultsUntilTheLimit() {
    List<AtomPage> pages = new ArrayList<>();
    AtomSearchSummary summary = client.search(
        AtomQuery.search("testing").withPageSize(10).withLimit(30), pages::add);

    assertThat(server.requests()).extracting(r -> r.param("search_query"), r -> r.param("start"),
        r -> r.param("max_results")).containsExactly(tuple("testing", "0", "10"),
            tuple("testing", "10", "10"), tuple("testing", "20", "10"));
    assertThat(summary).isEqualTo(new AtomSearchSummary(214881, 3, 30, 0));
    assertThat(pages).extracting(AtomPage::number, AtomPage::startIndex, AtomPage::itemsPerPage)
        .containsExactly(tuple(1, 0, 10), tuple(2, 10, 10), tuple(3, 20, 10));
    assertThat(pages.get(0).entries().get(0).paper().id()).isEqualTo("2202.12139");
    assertThat(pages.get(0).feedUpdated()).isEqualTo(Instant.parse("2026-04-12T22:09:27Z"));
    // Paced like every other request: 3 s before each page after the first.
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void lastRequestAsksOnlyForWhatTheLimitAllows() {
    AtomSearchSummary summary = client.search(
        AtomQuery.search("testing").withStart(5).withPageSize(15).withLimit(25), page -> { });
    assertThat(server.requests()).extracting(r -> r.param("start"), r -> r.param("max_results"))
        .containsExactly(tuple("5", "15"), tuple("20", "10"));
    assertThat(summary.entries()).isEqualTo(25);
  }

  @Test
  void stopsAtTotalResults() {
    List<AtomPage> pages = fetchAll(
        AtomQuery.search("au:del_maestro AND ti:quantum_criticality").withPageSize(10));
    assertThat(server.requests()).hasSize(1);
    assertThat(pages).singleElement().satisfies(p -> {
      assertThat(p.totalResults()).isEqualTo(2);
      assertThat(p.papers()).hasSize(2);
    });
  }

  @Test
  void emptyResultDeliversNoPage() {
    List<AtomPage> pages = new ArrayList<>();
    AtomSearchSummary summary = client.search(AtomQuery.ids("0000.0000"), pages::add);
    assertThat(server.requests()).singleElement().satisfies(r -> {
      assertThat(r.param("id_list")).isEqualTo("0000.0000");
      assertThat(r.param("max_results")).isEqualTo("100");
      assertThat(r.param("search_query")).isNull();
    });
    assertThat(pages).isEmpty();
    assertThat(summary).isEqualTo(new AtomSearchSummary(0, 0, 0, 0));
  }

  @Test
  void errorFeedRaisesWithArxivsExplanation() {
    assertThatThrownBy(() -> client.search(AtomQuery.ids("abc"), page -> { }))
        .isInstanceOfSatisfying(ArxivApiException.class,
            e -> assertThat(e.apiMessage()).isEqualTo("incorrect id format for abc"))
        .hasMessageContaining(server.uri("/api/query").toString() + "?id_list=abc");
  }

  @Test
  void sendsSortOptionsAndJoinsIds() {
    client.search(AtomQuery.ids("0808.05394", "1707.08567")
        .sortedBy(SortBy.SUBMITTED_DATE, SortOrder.ASCENDING), page -> { });
    assertThat(server.requests().get(0).query()).containsEntry("id_list", "0808.05394,1707.08567")
        .containsEntry("sortBy", "submittedDate").containsEntry("sortOrder", "ascending");
  }

  @Test
  void mapsEveryFieldOfTheCurrentLayout() {
    AtomEntry e = only(fetchAll(AtomQuery.ids("astro-ph/0601001")));
    Paper p = e.paper();
    assertThat(p.id()).isEqualTo("astro-ph/0601001");
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.title()).isEqualTo("Frequency of Hot Jupiters and Very Hot Jupiters from the"
        + " OGLE-III Transit Surveys Toward the Galactic Bulge and Carina");
    assertThat(p.abstractText())
        .startsWith("We derive the frequencies of hot Jupiters (HJs) with 3--5 day periods")
        .contains("following Gould & Morgan (2003)", "limit of V_max<17.5.")
        .endsWith("too few in the sample to map this distribution in detail.");
    assertThat(p.authors()).containsExactly("Andrew Gould", "Susan Dorsher", "B. Scott Gaudi",
        "Andrzej Udalski");
    assertThat(e.authors()).extracting(Author::affiliations).containsExactly(
        List.of("Ohio State"), List.of("Ohio State"), List.of("CfA"),
        List.of("Warsaw University Observatory"));
    assertThat(p.categories()).containsExactly("astro-ph");
    assertThat(e.published()).isEqualTo(Instant.parse("2006-01-02T14:57:58Z"));
    assertThat(e.updated()).isEqualTo(Instant.parse("2006-01-02T14:57:58Z"));
    assertThat(p.published()).isEqualTo(LocalDate.parse("2006-01-02"));
    assertThat(p.updated()).isEqualTo(LocalDate.parse("2006-01-02"));
    assertThat(p.comment()).isEqualTo("62 pages including 16 figures and 9 tables. Submitted to"
        + " Acta Astronomica. Full resolution version at"
        + " http://www.astronomy.ohio-state.edu/~gould/ogle_hot_jupiters.ps.gz");
    assertThat(p.journalRef()).isEqualTo("ActaAstron.56:1-50,2006");
    assertThat(p.doi()).isNull();
    assertThat(p.license()).isNull();
    assertThat(p.links()).containsExactly(
        new Link("alternate", "https://arxiv.org/abs/astro-ph/0601001v1", "text/html", null),
        new Link("related", "https://arxiv.org/pdf/astro-ph/0601001v1", "application/pdf",
            "pdf"));
  }

  @Test
  void mapsDoiLinksAndSecondaryCategoriesOfTheCurrentLayout() {
    List<AtomPage> pages = fetchAll(AtomQuery.search("testing").withPageSize(10).withLimit(10));
    AtomEntry e = pages.get(0).entries().get(0);
    Paper p = e.paper();
    assertThat(p.id()).isEqualTo("2202.12139");
    assertThat(p.title()).isEqualTo("Testing Deep Learning Models: A First Comparative Study of"
        + " Multiple Testing Techniques");
    assertThat(p.categories()).containsExactly("cs.SE", "cs.LG");
    assertThat(p.authors()).containsExactly("Mohit Kumar Ahuja", "Arnaud Gotlieb",
        "Helge Spieker");
    assertThat(p.doi()).isEqualTo("10.1109/ICSTW55395.2022.00035");
    assertThat(e.dois()).containsExactly("10.1109/ICSTW55395.2022.00035");
    assertThat(p.journalRef()).isEqualTo("Artificial Intelligence in Software Testing @ 2022 IEEE"
        + " International Conference on Software Testing, Verification and Validation Workshops"
        + " (ICSTW)");
    assertThat(p.comment())
        .isEqualTo("Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022");
    assertThat(p.links()).contains(
        new Link("related", "https://doi.org/10.1109/ICSTW55395.2022.00035", null, "doi"));
    assertThat(pages.get(0).papers()).allSatisfy(x -> {
      assertThat(x.title()).isNotBlank();
      assertThat(x.version()).isPositive();
      assertThat(x.categories()).isNotEmpty();
      assertThat(x.published()).isNotNull();
    });
  }

  @Test
  void keepsAuthorOrderAndNonAsciiNames() {
    AtomEntry e = only(fetchAll(AtomQuery.ids("0808.05394", "1707.08567")));
    assertThat(e.paper().id()).isEqualTo("1707.08567");
    assertThat(e.paper().authors()).hasSize(34)
        .startsWith("Kees A. Schouhamer Immink", "Stan Baggen")
        .contains("Dirk Wübben")
        .endsWith("Hirosuke Yamamoto");
    assertThat(e.paper().categories()).containsExactly("cs.IT");
  }

  @Test
  void mapsOldStyleIdsWithVersions() {
    AtomEntry e = only(fetchAll(AtomQuery.ids("quant-ph/0201082v1")));
    assertThat(e.paper().id()).isEqualTo("quant-ph/0201082");
    assertThat(e.paper().version()).isEqualTo(1);
    assertThat(e.paper().categories()).containsExactly("quant-ph", "cs.PL");
    assertThat(e.paper().comment()).isEqualTo("32 pages");
  }

  @Test
  void mapsThe2016Layout() {
    List<AtomPage> pages = new ArrayList<>();
    client.search(AtomQuery.ids("1111.2011v2").withPageSize(10), pages::add);
    AtomPage page = pages.get(0);
    assertThat(page.totalResults()).isEqualTo(1);
    assertThat(page.itemsPerPage()).isEqualTo(10);
    assertThat(page.feedUpdated()).isEqualTo(Instant.parse("2016-10-09T04:00:00Z"));
    AtomEntry e = only(pages);
    Paper p = e.paper();
    assertThat(p.id()).isEqualTo("1111.2011");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.title()).isEqualTo("Quantum Criticality for Extended Nodes on a Bethe Lattice"
        + " in the Large Connectivity Limit");
    assertThat(p.abstractText()).startsWith("Theoretical description of anisotropic systems,")
        .endsWith("similar to adding a single extra dimension to the theory describing a single"
            + " node.");
    assertThat(p.authors()).containsExactly("James M. Murray", "Adrian Del Maestro",
        "Zlatko Tesanovic");
    assertThat(p.categories()).containsExactly("cond-mat.str-el", "cond-mat.stat-mech");
    assertThat(e.published()).isEqualTo(Instant.parse("2011-11-08T18:48:36Z"));
    assertThat(e.updated()).isEqualTo(Instant.parse("2012-04-02T12:38:54Z"));
    assertThat(p.published()).isEqualTo(LocalDate.parse("2011-11-08"));
    assertThat(p.updated()).isEqualTo(LocalDate.parse("2012-04-02"));
    assertThat(p.doi()).isEqualTo("10.1103/PhysRevB.85.115117");
    assertThat(p.comment()).isEqualTo("8 pages, 3 figures. Published version");
    assertThat(p.journalRef()).isEqualTo("Phys. Rev. B 85, 115117 (2012)");
    assertThat(p.links()).containsExactly(
        new Link("related", "http://dx.doi.org/10.1103/PhysRevB.85.115117", null, "doi"),
        new Link("alternate", "http://arxiv.org/abs/1111.2011v2", "text/html", null),
        new Link("related", "http://arxiv.org/pdf/1111.2011v2", "application/pdf", "pdf"));
  }

  @Test
  void mapsThe2016LayoutSearch() {
    AtomEntry e = only(fetchAll(
        AtomQuery.search("au:del_maestro AND ti:checkerboard").withPageSize(10)));
    assertThat(e.paper().id()).isEqualTo("cond-mat/0603029");
    assertThat(e.paper().authors()).containsExactly("Adrian Del Maestro", "Bernd Rosenow",
        "Subir Sachdev");
    assertThat(e.paper().categories()).containsExactly("cond-mat.str-el", "cond-mat.supr-con");
    assertThat(e.paper().doi()).isEqualTo("10.1103/PhysRevB.74.024520");
    assertThat(e.paper().journalRef()).isEqualTo("Phys. Rev. B 74, 024520 (2006)");
  }

  @Test
  void primaryCategoryComesFirstWhereverItIsListed() throws Exception {
    String feed = """
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
              xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
          <opensearch:totalResults>2</opensearch:totalResults>
          <entry>
            <id>http://arxiv.org/abs/2401.00001v3</id>
            <title>Ordered</title>
            <category term="math.ST"/><category term="stat.TH"/><category term="stat.ML"/>
            <arxiv:primary_category term="stat.ML"/>
          </entry>
          <entry><id>http://arxiv.org/abs/2401.00002v1</id><title>  </title></entry>
        </feed>
        """;
    try (var own = new FixtureServer(r -> Reply.ok(feed))) {
      List<AtomPage> pages = new ArrayList<>();
      AtomSearchSummary summary =
          new AtomApiClient(http, own.uri("/q")).search(AtomQuery.search("x"), pages::add);
      assertThat(pages.get(0).papers()).singleElement().satisfies(p -> {
        assertThat(p.categories()).containsExactly("stat.ML", "math.ST", "stat.TH");
        assertThat(p.version()).isEqualTo(3);
      });
      assertThat(pages.get(0).rejected()).singleElement().satisfies(r -> {
        assertThat(r.identifier()).isEqualTo("http://arxiv.org/abs/2401.00002v1");
        assertThat(r.reason()).contains("title");
      });
      assertThat(summary).isEqualTo(new AtomSearchSummary(2, 1, 1, 1));
    }
  }

  @Test
  void truncatedFeedFailsNamingTheUrl() throws Exception {
    byte[] whole = SharedData.read("atom_api/arxivpy_id_1605.08386_s0_m100_199195aa31ad.xml");
    byte[] cut = Arrays.copyOf(whole, whole.length - 40);
    try (var broken = new FixtureServer(r -> Reply.ok(cut))) {
      var c = new AtomApiClient(http, broken.uri("/q"));
      assertThatThrownBy(() -> c.search(AtomQuery.ids("1605.08386"), page -> { }))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining("malformed XML")
          .hasMessageContaining(broken.uri("/q").toString() + "?id_list=1605.08386");
    }
  }

  @Test
  void httpErrorWithoutAFeedNamesStatusAndUrl() throws Exception {
    try (var gone = new FixtureServer(r -> Reply.ok("Not Found").withStatus(404))) {
      var c = new AtomApiClient(http, gone.uri("/q"));
      assertThatThrownBy(() -> c.search(AtomQuery.ids("1605.08386"), page -> { }))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("Not Found")
          .hasMessageContaining(gone.uri("/q").toString());
    }
  }
}
