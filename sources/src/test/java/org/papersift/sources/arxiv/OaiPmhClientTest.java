package org.papersift.sources.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.sources.arxiv.FixtureServer.Reply;
import org.papersift.sources.arxiv.FixtureServer.Request;

class OaiPmhClientTest {
  private static final String NONEXCLUSIVE = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/";

  /** Our own second page for the recorded arXivRaw first page: deleted, broken and fine. */
  private static final String SECOND_RAW_PAGE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
      <responseDate>2015-01-06T20:50:30Z</responseDate>
      <request verb="ListRecords" resumptionToken="726959|1001">http://test/oai</request>
      <ListRecords>
      <record><header status="deleted"><identifier>oai:arXiv.org:0704.2000</identifier>
        <datestamp>2014-12-01</datestamp><setSpec>cs</setSpec></header></record>
      <record><header><identifier>oai:arXiv.org:0704.2001</identifier>
        <datestamp>2014-12-02</datestamp></header>
        <metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>0704.2001</id>
        <version version="v1"><date>Mon, 16 Apr 2007 10:00:00 GMT</date></version>
        <authors>Nobody</authors><categories>cs.DL</categories></arXivRaw></metadata></record>
      <record><header><identifier>oai:arXiv.org:0704.2002</identifier>
        <datestamp>2014-12-03</datestamp><setSpec>cs</setSpec></header>
        <metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>0704.2002</id>
        <submitter>Ann Example</submitter>
        <version version="v2"><date>Wed, 2 May 2007 23:59:59 GMT</date><size>11kb</size></version>
        <version version="v1"><date>Tue, 17 Apr 2007 09:30:00 GMT</date><size>10kb</size>
          <source_type>D</source_type></version>
        <title>A Test
          Record</title>
        <authors>Ann Example (MIT, Cambridge), Bob Sample, Jr. and Carl Doe (CERN)</authors>
        <categories>cs.DL cs.IR</categories><proxy>ccsd hal-00000001</proxy>
        <report-no>TR-1</report-no><acm-class>H.3.3</acm-class>
        <abstract>Short.</abstract></arXivRaw></metadata></record>
      <resumptionToken cursor="1001" completeListSize="58011"></resumptionToken>
      </ListRecords>
      </OAI-PMH>
      """;

  private final FakeTime time = new FakeTime();
  private FixtureServer server;
  private PoliteHttp http;
  private OaiPmhClient client;

  @BeforeEach
  void start() throws Exception {
    SharedData.samples(); // skip or fail here, not inside the server thread that reads the files
    server = new FixtureServer(OaiPmhClientTest::route);
    http = PoliteHttp.builder().timeSource(time).maxRetries(1).build();
    client = new OaiPmhClient(http, server.uri("/oai"));
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

  private static Reply route(Request r) {
    String token = r.param("resumptionToken");
    if (token != null) {
      return switch (token) {
        case "726959|1001" -> Reply.ok(SECOND_RAW_PAGE);
        default -> file("saelim_arXivRaw_ErrorResponseBadResumptionToken.xml");
      };
    }
    if ("GetRecord".equals(r.param("verb"))) {
      return switch (r.param("identifier") + " " + r.param("metadataPrefix")) {
        case "oai:arXiv.org:1401.2122 arXiv" -> file("hepcrawl_arxiv-single.xml");
        case "oai:arXiv.org:1302.2146 arXivRaw" -> file("saelim_arXivRaw_GetRecordResponse.xml");
        default -> file("saelim_arXivRaw_ErrorResponseIdDoesNotExist.xml");
      };
    }
    String set = r.param("set") == null ? "" : r.param("set");
    return switch (r.param("metadataPrefix") + " " + set) {
      case "arXiv physics:hep-ex" -> file("hepcrawl_arxiv-physics-hep-ex.xml");
      case "arXiv physics:hep-th" -> file("hepcrawl_arxiv-physics-hep-th.xml");
      case "arXivRaw " -> file("saelim_arXivRaw_ListRecordsResponse.xml");
      default -> file("saelim_arXivRaw_ErrorResponseNoRecordsMatch.xml");
    };
  }

  private static Reply file(String name) {
    return Reply.ok(SharedData.read("oai_pmh/" + name));
  }

  private static Paper paper(List<OaiPage> pages, String id) {
    return record(pages, id).paper();
  }

  private static OaiRecord record(List<OaiPage> pages, String id) {
    return pages.stream().flatMap(p -> p.records().stream())
        .filter(r -> r.paper().id().equals(id)).findFirst().orElseThrow();
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void sendsFormatSetAndDatesAsQueryParameters() {
    List<OaiPage> pages = new ArrayList<>();
    client.listRecords(ListRecordsRequest.of(MetadataFormat.ARXIV).withSet("physics:hep-ex")
        .withFrom(date("2017-12-14")).withUntil(date("2017-12-15")), pages::add);
    Request sent = server.requests().get(0);
    assertThat(sent.path()).isEqualTo("/oai");
    assertThat(sent.query()).containsExactly(Map.entry("verb", "ListRecords"),
        Map.entry("metadataPrefix", "arXiv"), Map.entry("set", "physics:hep-ex"),
        Map.entry("from", "2017-12-14"), Map.entry("until", "2017-12-15"));
  }

  @Test
  void mapsEveryFieldOfTheArxivFormat() {
    List<OaiPage> pages = new ArrayList<>();
    OaiHarvestSummary summary = client.listRecords(
        ListRecordsRequest.of(MetadataFormat.ARXIV).withSet("physics:hep-ex"), pages::add);

    assertThat(summary).isEqualTo(new OaiHarvestSummary(
        Instant.parse("2017-12-14T13:00:41Z"), 1, 3, 0, 0, null));
    assertThat(pages).singleElement().satisfies(p -> {
      assertThat(p.number()).isEqualTo(1);
      assertThat(p.resumptionToken()).isNull();
      assertThat(p.papers()).extracting(Paper::id)
          .containsExactly("1706.05371", "1706.09418", "1707.00874");
    });

    OaiRecord rpv = record(pages, "1706.09418");
    assertThat(rpv.header()).isEqualTo(new OaiHeader("oai:arXiv.org:1706.09418",
        date("2017-12-14"), List.of("physics:hep-ex"), false));
    Paper p = rpv.paper();
    assertThat(p.version()).isZero();
    assertThat(p.title()).isEqualTo("R-Parity Violation at the LHC");
    assertThat(p.authors()).containsExactly("Daniel Dercks", "Herbi Dreiner", "Manuel E. Krauss",
        "Toby Opferkuch", "Annika Reinert");
    assertThat(p.categories()).containsExactly("hep-ph", "hep-ex");
    assertThat(p.primaryCategory()).isEqualTo("hep-ph");
    assertThat(p.published()).isEqualTo(date("2017-06-28"));
    assertThat(p.updated()).isEqualTo(date("2017-11-26"));
    assertThat(p.comment()).isEqualTo("43 pages, 13 tables, 17 figures; updated Figs. 11-17 and"
        + " Tab. 12 including NLO corrections; version accepted for publication in EPJC");
    assertThat(p.journalRef()).isEqualTo("Eur. Phys. J. C (2017) 77:856");
    assertThat(p.doi()).isEqualTo("10.1140/epjc/s10052-017-5414-4");
    assertThat(p.license()).isEqualTo(NONEXCLUSIVE);
    assertThat(p.abstractText())
        .startsWith("We investigate the phenomenology of the MSSM extended by a single R-parity"
            + " violating coupling at the unification scale. For all")
        .endsWith("explicit lower mass bounds on all relevant supersymmetric particles.")
        .doesNotContain("\n", "  ");
    assertThat(p.links()).containsExactly(
        new Link("alternate", "https://arxiv.org/abs/1706.09418", "text/html", null),
        new Link("related", "https://arxiv.org/pdf/1706.09418", "application/pdf", "pdf"),
        new Link("related", "https://doi.org/10.1140/epjc/s10052-017-5414-4", null, "doi"));
    assertThat(rpv.details().reportNo()).isEqualTo("BONN-TH-2017-03");
    assertThat(rpv.details().dois()).containsExactly("10.1140/epjc/s10052-017-5414-4");
    assertThat(rpv.details().versions()).isEmpty();
    assertThat(rpv.details().submitter()).isNull();

    Paper sipm = paper(pages, "1706.05371");
    assertThat(sipm.title()).isEqualTo("Evaluation of Silicon Photomultipliers for use as"
        + " Photosensors in Liquid Xenon Detectors");
    assertThat(sipm.authors()).hasSize(13).startsWith("Tyler Anderson", "Jacob Cutter")
        .endsWith("Dustin Stolp", "Mani Tripathi");
    assertThat(sipm.categories()).containsExactly("physics.ins-det", "hep-ex");
    assertThat(sipm.published()).isEqualTo(date("2017-06-16"));
    assertThat(sipm.updated()).isEqualTo(date("2017-12-12"));
    assertThat(sipm.comment()).isEqualTo("10 pages, 9 figures");
    assertThat(sipm.journalRef()).isNull();
    assertThat(sipm.doi()).isNull();
    assertThat(sipm.links()).hasSize(2);

    OaiRecord neutrinos = record(pages, "1707.00874");
    assertThat(neutrinos.paper().title()).isEqualTo("Implications of right-handed neutrinos in"
        + " $B-L$ extended standard model with scalar dark matter");
    assertThat(neutrinos.paper().categories()).containsExactly("hep-ph", "astro-ph.CO", "hep-ex");
    assertThat(neutrinos.paper().comment()).isEqualTo("Typos corrected, references added,"
        + " version accepted for publication in PRD");
    assertThat(neutrinos.details().reportNo()).isEqualTo("IITH-PH-0001/17, IMSc/2017/07/05");
    assertThat(neutrinos.details().authors()).extracting(Author::name)
        .containsExactly("Priyotosh Bandyopadhyay", "Eung Jin Chun", "Rusa Mandal");
  }

  @Test
  void mapsLicenseAndMissingFieldsOfTheSecondArxivSet() {
    List<OaiPage> pages = new ArrayList<>();
    client.listRecords(ListRecordsRequest.of(MetadataFormat.ARXIV).withSet("physics:hep-th"),
        pages::add);

    Paper toolbox = paper(pages, "1412.8323");
    assertThat(toolbox.license()).isEqualTo("http://creativecommons.org/licenses/by/4.0/");
    assertThat(toolbox.authors()).containsExactly("Philipp A Hoehn");
    assertThat(toolbox.categories()).containsExactly("quant-ph", "gr-qc", "hep-th", "math-ph",
        "math.MP", "physics.hist-ph");
    assertThat(toolbox.published()).isEqualTo(date("2014-12-29"));
    assertThat(toolbox.updated()).isEqualTo(date("2017-12-13"));

    Paper bosons = paper(pages, "1507.07790");
    assertThat(bosons.journalRef()).isEqualTo("J. Phys. A: Math. Theor. 51 (2018) 035201");
    assertThat(bosons.doi()).isEqualTo("10.1088/1751-8121/aa9c53");
    assertThat(bosons.authors()).containsExactly("Luis B. Castro", "Edilberto O. Silva");
    assertThat(bosons.comment()).isEqualTo("7 pages");

    Paper branes = paper(pages, "1607.01710");
    assertThat(branes.comment()).isNull();
    assertThat(branes.journalRef()).isNull();
    assertThat(branes.doi()).isEqualTo("10.1002/andp.201700188");
    assertThat(branes.categories()).containsExactly("hep-th");
    assertThat(branes.authors()).containsExactly("R. A. C. Correa", "D. M. Dantas",
        "P. H. R. S. Moraes", "A. de Souza Dutra", "C. A. S. Almeida");
  }

  @Test
  void getRecordInArxivFormat() {
    OaiRecord r = client.getRecord("https://arxiv.org/abs/1401.2122v5", MetadataFormat.ARXIV);

    assertThat(server.requests().get(0).query()).containsExactly(Map.entry("verb", "GetRecord"),
        Map.entry("identifier", "oai:arXiv.org:1401.2122"), Map.entry("metadataPrefix", "arXiv"));
    assertThat(r.header()).isEqualTo(new OaiHeader("oai:arXiv.org:1401.2122", date("2018-01-25"),
        List.of("math", "physics:hep-th", "physics:math-ph", "physics:nlin"), false));
    Paper p = r.paper();
    assertThat(p.id()).isEqualTo("1401.2122");
    assertThat(p.title()).isEqualTo("New integrable (3+1)-dimensional systems and contact"
        + " geometry");
    assertThat(p.authors()).containsExactly("A. Sergyeyev");
    assertThat(p.categories()).containsExactly("math.AP", "hep-th", "math-ph", "math.DG",
        "math.MP", "nlin.SI");
    assertThat(p.published()).isEqualTo(date("2014-01-09"));
    assertThat(p.updated()).isEqualTo(date("2017-10-23"));
    assertThat(p.comment()).isEqualTo("16 pages, LaTeX, no figures, revised and abridged, in this"
        + " version (v5) the typos were fixed (including some that have unfortunately crept into"
        + " the published version too), Letters in Mathematical Physics (2017)");
    assertThat(p.journalRef()).isEqualTo("Lett. Math. Phys. 108 (2018), no. 2, 359-376");
    assertThat(p.doi()).isEqualTo("10.1007/s11005-017-1013-4");
    assertThat(p.license()).isEqualTo(NONEXCLUSIVE);
    assertThat(p.abstractText()).isEqualTo("We introduce a novel systematic construction for"
        + " integrable (3+1)-dimensional dispersionless systems using nonisospectral Lax pairs"
        + " that involve contact vector fields. In particular, we present new large classes of"
        + " (3+1)-dimensional integrable dispersionless systems associated to the Lax pairs which"
        + " are polynomial and rational in the spectral parameter.");
    assertThat(r.details().mscClass()).isEqualTo("37K05 37K10 53D10");
  }

  @Test
  void getRecordInArxivRawFormatTakesTheLatestVersion() {
    OaiRecord r = client.getRecord("arXiv:1302.2146v1", MetadataFormat.ARXIV_RAW);

    assertThat(server.requests().get(0).query()).containsEntry("identifier",
        "oai:arXiv.org:1302.2146").containsEntry("metadataPrefix", "arXivRaw");
    assertThat(r.header().setSpecs()).containsExactly("physics:hep-ex", "physics:hep-ph");
    assertThat(r.header().datestamp()).isEqualTo(date("2013-04-03"));
    Paper p = r.paper();
    assertThat(p.id()).isEqualTo("1302.2146");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.published()).isEqualTo(date("2013-02-08"));
    assertThat(p.updated()).isEqualTo(date("2013-04-02"));
    assertThat(p.title()).isEqualTo("The Same-Sign Dilepton Signature of RPV/MFV SUSY");
    assertThat(p.authors()).containsExactly("Joshua Berger", "Maxim Perelstein", "Michael Saelim",
        "Philip Tanedo");
    assertThat(p.categories()).containsExactly("hep-ph", "hep-ex");
    assertThat(p.comment()).isEqualTo("18 pages, 6 figures; v2: References added");
    assertThat(p.license()).isEqualTo(NONEXCLUSIVE);
    assertThat(p.journalRef()).isNull();
    assertThat(p.doi()).isNull();
    assertThat(p.abstractText()).startsWith("The lack of observation of superpartners")
        .endsWith("can be probed at the 14 TeV LHC with a 100 fb^-1 data set.");
    assertThat(r.details().submitter()).isEqualTo("Michael Saelim");
    assertThat(r.details().versions()).containsExactly(
        new ArxivVersion(1, Instant.parse("2013-02-08T21:00:01Z"), "853kb", "D"),
        new ArxivVersion(2, Instant.parse("2013-04-02T01:50:08Z"), "849kb", "D"));
  }

  @Test
  void followsResumptionTokensAndReportsDeletedAndRejectedRecords() {
    List<OaiPage> pages = new ArrayList<>();
    OaiHarvestSummary summary = client.listRecords(ListRecordsRequest.of(MetadataFormat.ARXIV_RAW)
        .withFrom(date("2014-10-01")), pages::add);

    List<Request> sent = server.requests();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).query()).containsExactly(Map.entry("verb", "ListRecords"),
        Map.entry("metadataPrefix", "arXivRaw"), Map.entry("from", "2014-10-01"));
    // A resumption request carries the token and nothing else.
    assertThat(sent.get(1).query()).containsExactly(Map.entry("verb", "ListRecords"),
        Map.entry("resumptionToken", "726959|1001"));
    assertThat(time.sleeps()).containsExactly(java.time.Duration.ofSeconds(3));

    assertThat(summary).isEqualTo(new OaiHarvestSummary(Instant.parse("2015-01-06T20:49:59Z"),
        2, 7, 1, 1, 58011L));
    assertThat(pages).extracting(OaiPage::number, OaiPage::resumptionToken, OaiPage::cursor,
        OaiPage::responseDate).containsExactly(
            tuple(1, "726959|1001", 0L, Instant.parse("2015-01-06T20:49:59Z")),
            tuple(2, null, 1001L, Instant.parse("2015-01-06T20:50:30Z")));
    assertThat(pages.get(0).papers()).extracting(Paper::id).containsExactly("0704.0471",
        "0704.0716", "0704.0874", "0704.1109", "0704.1114", "0704.1586");

    OaiPage second = pages.get(1);
    assertThat(second.deleted()).containsExactly(new OaiHeader("oai:arXiv.org:0704.2000",
        date("2014-12-01"), List.of("cs"), true));
    assertThat(second.rejected()).singleElement().satisfies(rej -> {
      assertThat(rej.identifier()).isEqualTo("oai:arXiv.org:0704.2001");
      assertThat(rej.reason()).contains("title");
    });
    OaiRecord own = second.records().get(0);
    assertThat(own.paper().title()).isEqualTo("A Test Record");
    assertThat(own.paper().version()).isEqualTo(2);
    assertThat(own.paper().published()).isEqualTo(date("2007-04-17"));
    assertThat(own.paper().updated()).isEqualTo(date("2007-05-02"));
    assertThat(own.paper().authors()).containsExactly("Ann Example", "Bob Sample Jr.",
        "Carl Doe");
    assertThat(own.paper().license()).isNull();
    assertThat(own.details().authors()).extracting(Author::affiliations).containsExactly(
        List.of("MIT, Cambridge"), List.of(), List.of("CERN"));
    assertThat(own.details()).extracting(ArxivDetails::proxy, ArxivDetails::reportNo,
        ArxivDetails::acmClass, ArxivDetails::submitter)
        .containsExactly("ccsd hal-00000001", "TR-1", "H.3.3", "Ann Example");
    assertThat(own.details().versions()).extracting(ArxivVersion::number, ArxivVersion::size,
        ArxivVersion::sourceType).containsExactly(tuple(2, "11kb", null), tuple(1, "10kb", "D"));
  }

  @Test
  void mapsEveryFieldOfTheArxivRawFormat() {
    List<OaiPage> pages = new ArrayList<>();
    client.listRecords(ListRecordsRequest.of(MetadataFormat.ARXIV_RAW), pages::add);

    OaiRecord symmetry = record(pages, "0704.0471");
    Paper p = symmetry.paper();
    assertThat(symmetry.header()).isEqualTo(new OaiHeader("oai:arXiv.org:0704.0471",
        date("2014-11-18"), List.of("physics:nucl-ex", "physics:nucl-th"), false));
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.published()).isEqualTo(date("2007-04-03"));
    assertThat(p.updated()).isEqualTo(date("2007-04-03"));
    assertThat(p.title()).isEqualTo("Density dependence of the symmetry energy and the nuclear"
        + " equation of state: A Dynamical and Statistical model perspective");
    assertThat(p.authors()).containsExactly("D.V. Shetty", "S.J. Yennello", "G.A. Souliotis");
    assertThat(p.categories()).containsExactly("nucl-ex", "nucl-th");
    assertThat(p.comment()).isEqualTo("16 pages, 14 figures");
    assertThat(p.journalRef())
        .isEqualTo("Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007");
    assertThat(p.doi()).isEqualTo("10.1103/PhysRevC.76.024606");
    assertThat(symmetry.details().dois()).containsExactly("10.1103/PhysRevC.76.024606",
        "10.1103/PhysRevC.76.039902");
    assertThat(p.links()).extracting(Link::href).containsExactly(
        "https://arxiv.org/abs/0704.0471", "https://arxiv.org/pdf/0704.0471",
        "https://doi.org/10.1103/PhysRevC.76.024606", "https://doi.org/10.1103/PhysRevC.76.039902");
    assertThat(p.license()).isNull();
    assertThat(p.abstractText()).contains("rules out an extremely \" stiff \" and \" soft \" form");
    assertThat(symmetry.details().submitter()).isEqualTo("Dinesh Shetty");
    assertThat(symmetry.details().versions()).containsExactly(
        new ArxivVersion(1, Instant.parse("2007-04-03T22:04:11Z"), "294kb", null));

    OaiRecord polygons = record(pages, "0704.0716");
    assertThat(polygons.paper().version()).isEqualTo(4);
    assertThat(polygons.paper().published()).isEqualTo(date("2007-04-05"));
    assertThat(polygons.paper().updated()).isEqualTo(date("2008-11-14"));
    assertThat(polygons.paper().title()).isEqualTo("Limit distributions and scaling functions");
    assertThat(polygons.paper().authors()).containsExactly("Christoph Richard");
    assertThat(polygons.paper().categories()).containsExactly("math-ph", "math.MP");
    assertThat(polygons.paper().comment()).isEqualTo("54 pages, 2 figures; v2 updated and"
        + " slightly expanded; v3 changes in some proofs; v4 slightly expanded");
    assertThat(polygons.paper().journalRef()).isEqualTo("Polygons, polyominoes and polycubes,"
        + " 247-299, Lecture Notes in Phys., 775, Springer, Dordrecht, 2009");
    assertThat(polygons.paper().license()).isEqualTo(NONEXCLUSIVE);
    assertThat(polygons.details().mscClass()).isEqualTo("05A15, 05A16");
    assertThat(polygons.details().versions()).hasSize(4);

    Paper secant = paper(pages, "0704.0874");
    assertThat(secant.version()).isEqualTo(3);
    assertThat(secant.published()).isEqualTo(date("2007-04-06"));
    assertThat(secant.updated()).isEqualTo(date("2014-11-20"));
    assertThat(secant.categories()).containsExactly("math.AG");
    assertThat(secant.journalRef()).isEqualTo("J. London Math. Soc. 78(2008) 418-440");

    Paper strings = paper(pages, "0704.1109");
    assertThat(strings.authors()).containsExactly("Valeria M. Rosa", "Patricio S. letelier");
    assertThat(strings.version()).isEqualTo(2);
    assertThat(strings.updated()).isEqualTo(date("2008-01-29"));
    assertThat(strings.doi()).isEqualTo("10.1007/s10773-009-0204-x");
    assertThat(strings.journalRef()).isEqualTo("Int.J.Theor.Phys.49:316-323,2010");

    Paper planet = paper(pages, "0704.1114");
    assertThat(planet.authors()).containsExactly("T. S. Barman");
    assertThat(planet.title()).isEqualTo("Identification of Absorption Features in an"
        + " Extrasolar Planet Atmosphere");
    assertThat(planet.comment())
        .isEqualTo("Accepted for publication in ApJL., in emulate ApJ format");

    OaiRecord core = record(pages, "0704.1586");
    assertThat(core.paper().authors()).containsExactly("N.C. Summers", "F.M. Nunes");
    assertThat(core.paper().title()).isEqualTo("Core excitation in the elastic scattering and"
        + " breakup of $^{11}$Be on protons");
    assertThat(core.details().dois()).containsExactly("10.1103/PhysRevC.76.014611",
        "10.1103/PhysRev.C77.049901");
  }

  @Test
  void arxivFormatAuthorsWithSuffixAffiliationAndOnlyAKeyname() throws Exception {
    String page = """
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
        <responseDate>2026-01-01T00:00:00Z</responseDate>
        <GetRecord><record><header><identifier>oai:arXiv.org:hep-ex/0101001</identifier>
          <datestamp>2020-05-05</datestamp></header>
          <metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>hep-ex/0101001</id>
          <created>2001-01-02</created><authors>
            <author><keyname>King</keyname><forenames>Martin L.</forenames><suffix>Jr</suffix>
              <affiliation>Morehouse</affiliation><affiliation>Boston U.</affiliation></author>
            <author><keyname>ATLAS Collaboration</keyname></author></authors>
          <title>Old style</title><categories>hep-ex</categories>
          <proxy>ccsd</proxy><acm-class>H.3.3</acm-class></arXiv></metadata></record></GetRecord>
        </OAI-PMH>
        """;
    try (var own = new FixtureServer(r -> Reply.ok(page))) {
      OaiRecord r = new OaiPmhClient(http, own.uri("/oai"))
          .getRecord("hep-ex/0101001", MetadataFormat.ARXIV);
      assertThat(own.requests().get(0).param("identifier"))
          .isEqualTo("oai:arXiv.org:hep-ex/0101001");
      assertThat(r.paper().id()).isEqualTo("hep-ex/0101001");
      assertThat(r.details().authors()).containsExactly(
          new Author("Martin L. King Jr", List.of("Morehouse", "Boston U.")),
          new Author("ATLAS Collaboration", List.of()));
      // Without <updated> there is one version, so the latest date is the creation date.
      assertThat(r.paper().published()).isEqualTo(date("2001-01-02"));
      assertThat(r.paper().updated()).isEqualTo(date("2001-01-02"));
      assertThat(r.details()).extracting(ArxivDetails::proxy, ArxivDetails::acmClass)
          .containsExactly("ccsd", "H.3.3");
    }
  }

  @Test
  void noRecordsMatchIsAnEmptyHarvest() {
    List<OaiPage> pages = new ArrayList<>();
    OaiHarvestSummary summary = client.listRecords(
        ListRecordsRequest.of(MetadataFormat.ARXIV_RAW).withSet("moo"), pages::add);
    assertThat(pages).isEmpty();
    assertThat(summary).isEqualTo(new OaiHarvestSummary(Instant.parse("2015-06-23T13:28:30Z"),
        0, 0, 0, 0, null));
  }

  @Test
  void badResumptionTokenRaisesWithItsCode() {
    assertThatThrownBy(() -> client.resume("3", page -> { }))
        .isInstanceOfSatisfying(OaiPmhException.class, e -> {
          assertThat(e.code()).isEqualTo("badResumptionToken");
          assertThat(e.url().getRawQuery()).isEqualTo("verb=ListRecords&resumptionToken=3");
        })
        .hasMessageContaining("The resumptionToken supplied is illegal for this repository");
  }

  @Test
  void unknownIdRaisesIdDoesNotExist() {
    assertThatThrownBy(() -> client.getRecord("0813.2274", MetadataFormat.ARXIV_RAW))
        .isInstanceOfSatisfying(OaiPmhException.class,
            e -> assertThat(e.code()).isEqualTo("idDoesNotExist"))
        .hasMessageContaining("does not correspond to an item");
  }

  @Test
  void oaiErrorSentWithAnHttpErrorStatusIsStillReadAsOaiError() throws Exception {
    String body = """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
        <responseDate>2026-01-01T00:00:00Z</responseDate>
        <request>http://test/oai</request>
        <error code="badArgument">Illegal date format for from: 2026/01/01</error>
        </OAI-PMH>
        """;
    try (var bad = new FixtureServer(r -> Reply.ok(body).withStatus(400))) {
      var c = new OaiPmhClient(http, bad.uri("/oai"));
      assertThatThrownBy(() -> c.listRecords(ListRecordsRequest.of(MetadataFormat.ARXIV),
          page -> { }))
          .isInstanceOfSatisfying(OaiPmhException.class,
              e -> assertThat(e.code()).isEqualTo("badArgument"));
    }
  }

  @Test
  void truncatedXmlFailsNamingTheUrl() throws Exception {
    byte[] whole = SharedData.read("oai_pmh/hepcrawl_arxiv-physics-hep-ex.xml");
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    try (var broken = new FixtureServer(r -> Reply.ok(half))) {
      var c = new OaiPmhClient(http, broken.uri("/oai"));
      List<OaiPage> pages = new ArrayList<>();
      assertThatThrownBy(() -> c.listRecords(ListRecordsRequest.of(MetadataFormat.ARXIV),
          pages::add))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining("malformed XML")
          .hasMessageContaining(broken.uri("/oai").toString() + "?verb=ListRecords");
      assertThat(pages).isEmpty();
    }
  }

  @Test
  void aDocumentThatIsNotOaiPmhFailsClearly() throws Exception {
    try (var html = new FixtureServer(r -> Reply.ok("<html><body>Maintenance</body></html>"))) {
      var c = new OaiPmhClient(http, html.uri("/oai"));
      assertThatThrownBy(() -> c.getRecord("1401.2122", MetadataFormat.ARXIV))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining("root element is <html>");
    }
  }

  @Test
  void aRepeatedResumptionTokenStopsInsteadOfLooping() throws Exception {
    String looping = """
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
        <responseDate>2026-01-01T00:00:00Z</responseDate>
        <ListRecords><resumptionToken>same</resumptionToken></ListRecords>
        </OAI-PMH>
        """;
    try (var loop = new FixtureServer(r -> Reply.ok(looping.getBytes(StandardCharsets.UTF_8)))) {
      var c = new OaiPmhClient(http, loop.uri("/oai"));
      assertThatThrownBy(() -> c.resume("same", page -> { }))
          .isInstanceOf(ArxivException.class)
          .hasMessageContaining("repeated resumptionToken same");
      assertThat(loop.requests()).hasSize(2);
    }
  }

  @Test
  void aFailingCallbackStopsTheHarvest() {
    List<Integer> seen = new ArrayList<>();
    assertThatThrownBy(() -> client.listRecords(ListRecordsRequest.of(MetadataFormat.ARXIV_RAW),
        page -> {
          seen.add(page.number());
          throw new IllegalStateException("disk full");
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
    assertThat(seen).containsExactly(1);
    assertThat(server.requests()).hasSize(1);
  }
}
