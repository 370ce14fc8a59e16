package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.papersift.web.ApiFixture.enc;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Paper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The Atom feeds: valid Atom 1.0 (RFC 4287) as Rome and a plain XML parser read them. */
class FeedRoutesTest {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final LocalDate DAY = LocalDate.of(2025, 3, 18);
  private static final String NASTY = "<script>alert('x')</script> & \"quoted\" 'it's'";

  private ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(new TestLibrary().add(
        new Paper("2503.00001", 2, NASTY, "We <b>bold</b> & brave.",
            List.of("Ada <Lovelace>", "Flann O'Brien"), List.of("cs.CL", "cs.AI"), DAY,
            DAY.plusDays(2), null, null, null, null, List.of()),
        new Paper("2503.00002", 1, "Ring \u0007 the bell \uFFFF", "Control\u0001 characters.",
            List.of("Ada Lovelace"), List.of("cs.CL"), DAY, null, null, null, null, null,
            List.of()),
        TestLibrary.paper("2503.00003", "Yesterday's attention", DAY.minusDays(1),
            "J. R. R. Tolkien"),
        new Paper("hep-th/9901001", 1, "Old strings", "Strings.", List.of("Ed Witten"),
            List.of("hep-th"), LocalDate.of(1999, 1, 4), null, null, null, null, null,
            List.of())));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** The feed as text, after checking status and content type. */
  private String feed(String path) throws Exception {
    HttpResponse<String> r = api.get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).as(path)
        .contains("application/atom+xml; charset=utf-8");
    return r.body();
  }

  /** Parses with Rome and checks what RFC 4287 requires; returns Rome's feed. */
  private Feed valid(String xml) throws Exception {
    WireFeed wire = new WireFeedInput().build(new StringReader(xml));
    assertThat(wire.getFeedType()).isEqualTo("atom_1.0");
    checkRfc4287(xml);
    return (Feed) wire;
  }

  private static void checkRfc4287(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element feed = doc.getDocumentElement();
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertThat(children(feed, "id")).hasSize(1);
    assertThat(absolute(text(feed, "id"))).isTrue();
    assertThat(children(feed, "title")).hasSize(1);
    assertThat(children(feed, "updated")).hasSize(1);
    OffsetDateTime.parse(text(feed, "updated"));
    boolean feedHasAuthor = !children(feed, "author").isEmpty();
    List<Element> selfLinks = links(feed, "self");
    assertThat(selfLinks).hasSize(1);
    assertThat(absolute(selfLinks.get(0).getAttribute("href"))).isTrue();
    Set<String> entryIds = new HashSet<>();
    for (Element entry : children(feed, "entry")) {
      assertThat(children(entry, "id")).hasSize(1);
      assertThat(absolute(text(entry, "id"))).isTrue();
      assertThat(entryIds.add(text(entry, "id"))).as("entry ids are unique").isTrue();
      assertThat(children(entry, "title")).hasSize(1);
      assertThat(children(entry, "updated")).hasSize(1);
      OffsetDateTime.parse(text(entry, "updated"));
      assertThat(children(entry, "published")).hasSizeLessThanOrEqualTo(1);
      children(entry, "published").forEach(p -> OffsetDateTime.parse(p.getTextContent()));
      assertThat(feedHasAuthor || !children(entry, "author").isEmpty())
          .as("an author on the feed or on every entry").isTrue();
      for (Element author : children(entry, "author")) {
        assertThat(children(author, "name")).hasSize(1);
      }
      // no content element, so an alternate link is required; at most one per media type
      List<Element> alternates = links(entry, "alternate");
      assertThat(alternates).hasSize(1);
      assertThat(absolute(alternates.get(0).getAttribute("href"))).isTrue();
      assertThat(children(entry, "summary")).hasSizeLessThanOrEqualTo(1);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ATOM.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Element> links(Element parent, String rel) {
    return children(parent, "link").stream()
        .filter(l -> rel.equals(l.getAttribute("rel").isEmpty() ? "alternate"
            : l.getAttribute("rel")))
        .toList();
  }

  private static String text(Element parent, String name) {
    return children(parent, name).get(0).getTextContent();
  }

  private static boolean absolute(String iri) {
    return URI.create(iri).isAbsolute();
  }

  private static List<String> entryIds(Feed feed) {
    return feed.getEntries().stream().map(Entry::getId).toList();
  }

  private String page(String id) {
    return "http://127.0.0.1:" + api.server.port() + "/papers/" + id;
  }

  @Test
  void theDailyFeedHasTheNewestDayByDefaultAndEveryRequiredElement() throws Exception {
    Feed feed = valid(feed("/feeds/daily.atom"));
    assertThat(entryIds(feed)).containsExactlyInAnyOrder(page("2503.00001"), page("2503.00002"));
    assertThat(feed.getTitle()).isEqualTo("papersift: papers of 2025-03-18");
    String base = "http://127.0.0.1:" + api.server.port();
    assertThat(feed.getId()).isEqualTo(base + "/feeds/daily.atom");
    assertThat(feed.getOtherLinks().get(0).getRel()).isEqualTo("self");
    assertThat(feed.getOtherLinks().get(0).getHref()).isEqualTo(base + "/feeds/daily.atom");
    assertThat(feed.getAuthors().get(0).getName()).isEqualTo("papersift");

    Entry first = feed.getEntries().stream().filter(e -> e.getId().equals(page("2503.00001")))
        .findFirst().orElseThrow();
    assertThat(first.getAuthors()).extracting(p -> p.getName())
        .containsExactly("Ada <Lovelace>", "Flann O'Brien");
    assertThat(first.getPublished().toInstant().toString()).isEqualTo("2025-03-18T00:00:00Z");
    assertThat(first.getUpdated().toInstant().toString()).isEqualTo("2025-03-20T00:00:00Z");
    assertThat(first.getSummary().getType()).isEqualTo("text");
    assertThat(first.getSummary().getValue()).isEqualTo("We <b>bold</b> & brave.");
    assertThat(first.getAlternateLinks().get(0).getHref()).isEqualTo(page("2503.00001"));
    assertThat(first.getAlternateLinks().get(0).getType()).isEqualTo("text/html");
    assertThat(first.getOtherLinks()).extracting(l -> l.getRel() + " " + l.getHref())
        .containsExactly("related https://arxiv.org/abs/2503.00001",
            "related https://arxiv.org/pdf/2503.00001");
    assertThat(first.getCategories()).extracting(c -> c.getTerm())
        .containsExactly("cs.CL", "cs.AI");
    assertThat(feed.getUpdated().toInstant().toString()).as("the newest entry's")
        .isEqualTo("2025-03-20T00:00:00Z");
  }

  @Test
  void aTitleWithMarkupAndQuotesIsEscapedAndComesBackAsWritten() throws Exception {
    String xml = feed("/feeds/daily.atom?date=2025-03-18");
    assertThat(xml).doesNotContain("<script>").doesNotContain("<b>")
        .contains("&lt;script&gt;").contains("&amp;").contains("Ada &lt;Lovelace&gt;");
    Feed feed = valid(xml);
    Entry nasty = feed.getEntries().stream().filter(e -> e.getId().equals(page("2503.00001")))
        .findFirst().orElseThrow();
    assertThat(nasty.getTitle()).isEqualTo(NASTY);
    assertThat(nasty.getTitleEx().getType()).isIn(null, "text");
  }

  @Test
  void charactersXmlCannotHoldAreDroppedNotFatal() throws Exception {
    Feed feed = valid(feed("/feeds/daily.atom?date=2025-03-18"));
    Entry ring = feed.getEntries().stream().filter(e -> e.getId().equals(page("2503.00002")))
        .findFirst().orElseThrow();
    assertThat(ring.getTitle()).isEqualTo("Ring the bell");
    assertThat(ring.getSummary().getValue()).isEqualTo("Control characters.");
    assertThat(ring.getUpdated()).as("no updated day: its published day").isEqualTo(
        ring.getPublished());
  }

  @Test
  void theDailyFeedTakesADayAndALimit() throws Exception {
    Feed yesterday = valid(feed("/feeds/daily.atom?date=2025-03-17"));
    assertThat(entryIds(yesterday)).containsExactly(page("2503.00003"));
    assertThat(yesterday.getId()).endsWith("/feeds/daily.atom?date=2025-03-17");
    assertThat(valid(feed("/feeds/daily.atom?limit=1")).getEntries()).hasSize(1);
    Feed old = valid(feed("/feeds/daily.atom?date=1999-01-04"));
    assertThat(entryIds(old)).containsExactly(page("hep-th/9901001"));
    assertThat(old.getEntries().get(0).getOtherLinks().get(0).getHref())
        .isEqualTo("https://arxiv.org/abs/hep-th/9901001");
    Feed none = valid(feed("/feeds/daily.atom?date=2020-01-01"));
    assertThat(none.getEntries()).isEmpty();
  }

  @Test
  void anEmptyLibraryStillGivesAValidFeed() throws Exception {
    api.close();
    api = new ApiFixture(new TestLibrary());
    for (String path : List.of("/feeds/daily.atom", "/feeds/trending.atom",
        "/feeds/search.atom?q=x", "/feeds/authors/Nobody.atom")) {
      assertThat(valid(feed(path)).getEntries()).as(path).isEmpty();
    }
  }

  @Test
  void theTrendingFeedFollowsTheVotes() throws Exception {
    // (only here: TestLibrary's date listings and filters need every paper to have a date)
    api.library.add(Paper.of("doc-42", "An undated document without authors"));
    api.votes("2503.00003", 3);
    api.votes("doc-42", 2);
    api.votes("2503.00001", 1);
    Feed feed = valid(feed("/feeds/trending.atom"));
    assertThat(entryIds(feed)).containsExactly(page("2503.00003"), page("doc-42"),
        page("2503.00001"));
    assertThat(feed.getTitle()).isEqualTo("papersift: trending papers");
    Entry undated = feed.getEntries().get(1);
    assertThat(undated.getPublished()).isNull();
    assertThat(undated.getUpdated()).as("a date is required even when the paper has none")
        .isNotNull();
    assertThat(undated.getOtherLinks()).as("not an arXiv id: no arXiv links").isEmpty();
    assertThat(valid(feed("/feeds/trending.atom?limit=2")).getEntries()).hasSize(2);
  }

  @Test
  void theSearchFeedTakesTheApiSearchParameters() throws Exception {
    Feed feed = valid(feed("/feeds/search.atom?q=attention"));
    assertThat(entryIds(feed)).containsExactly(page("2503.00003"));
    assertThat(feed.getTitle()).isEqualTo("papersift: search for attention");
    assertThat(entryIds(valid(feed("/feeds/search.atom?q=" + enc("author:Lovelace")))))
        .containsExactlyInAnyOrder(page("2503.00001"), page("2503.00002"));
    Feed filtered = valid(feed("/feeds/search.atom?author=Witten&cat=hep&to=2000-01-01"));
    assertThat(entryIds(filtered)).containsExactly(page("hep-th/9901001"));
    assertThat(filtered.getId()).endsWith("/feeds/search.atom?cat=hep&author=Witten&to=2000-01-01");
    assertThat(valid(feed("/feeds/search.atom?q=strings&from=2000-01-01")).getEntries()).isEmpty();
    Feed nasty = valid(feed("/feeds/search.atom?q=" + enc("<script> & \"")));
    assertThat(nasty.getTitle()).isEqualTo("papersift: search for <script> & \"");
  }

  @Test
  void theAuthorFeedMatchesWholeNames() throws Exception {
    Feed ada = valid(feed("/feeds/authors/Ada%20Lovelace.atom"));
    assertThat(entryIds(ada)).containsExactly(page("2503.00002"));
    assertThat(ada.getTitle()).isEqualTo("papersift: papers by Ada Lovelace");
    assertThat(ada.getId()).endsWith("/feeds/authors/Ada%20Lovelace.atom");
    Feed tolkien = valid(feed("/feeds/authors/" + "J.%20R.%20R.%20Tolkien" + ".atom"));
    assertThat(entryIds(tolkien)).containsExactly(page("2503.00003"));
    assertThat(valid(feed("/feeds/authors/" + enc("Ada <Lovelace>").replace("+", "%20")
        + ".atom")).getEntries()).hasSize(1);
    assertThat(valid(feed("/feeds/authors/Ada.atom")).getEntries()).isEmpty();
  }

  @Test
  void linksAreBuiltFromTheHostTheClientAskedFor() throws Exception {
    String response = raw("GET /feeds/daily.atom HTTP/1.1\r\nHost: papers.example.org:8443\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).contains("<id>http://papers.example.org:8443/feeds/daily.atom</id>")
        .contains("href=\"http://papers.example.org:8443/papers/2503.00001\"")
        .doesNotContain("127.0.0.1");
  }

  @Test
  void aHostHeaderThatIsNotAHostIsRefused() throws Exception {
    String response = raw("GET /feeds/daily.atom HTTP/1.1\r\nHost: a\"b@evil\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).doesNotContain("<feed");
  }

  @Test
  void badParametersAre400s() throws Exception {
    for (String bad : List.of("/feeds/daily.atom?date=2025-13-01", "/feeds/daily.atom?limit=101",
        "/feeds/daily.atom?limit=x", "/feeds/trending.atom?limit=0", "/feeds/search.atom",
        "/feeds/search.atom?q=", "/feeds/search.atom?q=x&from=yesterday",
        "/feeds/search.atom?q=" + enc("x to:2020 from:2021"),
        "/feeds/authors/Ada.atom?limit=-1")) {
      HttpResponse<String> r = api.get(bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).as(bad).get().asString()
          .startsWith("text/html");
      assertThat(r.body()).as(bad).doesNotContain("<feed").doesNotContain("Exception");
    }
    assertThat(api.get("/feeds/nothing.atom").statusCode()).isEqualTo(404);
  }

  /** Sends a request as written (HttpClient will not send a made-up Host header). */
  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
