package org.papersift.sources.arxiv;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.papersift.core.paper.PaperId;

/**
 * Harvests arXiv metadata over OAI-PMH: ListRecords page by page following resumption tokens, and
 * GetRecord for one paper. All requests go through the given {@link PoliteHttp}, which does the
 * pacing and retrying; this class owns none of it and does not close it.
 */
public final class OaiPmhClient {
  /** arXiv's current OAI-PMH endpoint. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://oaipmh.arxiv.org/oai");
  /** The older endpoint; same metadata formats. */
  public static final URI LEGACY_BASE_URL = URI.create("http://export.arxiv.org/oai2");

  private static final String NO_RECORDS_MATCH = "noRecordsMatch";
  private static final String OAI_ID_PREFIX = "oai:arXiv.org:";

  private final PoliteHttp http;
  private final URI baseUrl;

  public OaiPmhClient(PoliteHttp http) {
    this(http, DEFAULT_BASE_URL);
  }

  public OaiPmhClient(PoliteHttp http, URI baseUrl) {
    this.http = Objects.requireNonNull(http, "http");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Harvests every page, handing each to {@code onPage} before requesting the next. If
   * {@code onPage} throws, the harvest stops with that exception; the last page it accepted holds
   * the token to {@link #resume} from. An empty result ({@code noRecordsMatch}) delivers no page
   * and returns a summary with zero pages and the response date.
   *
   * @throws OaiPmhException for OAI errors other than noRecordsMatch
   * @throws ArxivException when the server cannot be reached or answers with something unreadable
   */
  public OaiHarvestSummary listRecords(ListRecordsRequest request, Consumer<OaiPage> onPage) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("verb", "ListRecords");
    params.put("metadataPrefix", request.format().prefix());
    params.put("set", request.set());
    params.put("from", request.from() == null ? null : request.from().toString());
    params.put("until", request.until() == null ? null : request.until().toString());
    return harvest(QueryUri.of(baseUrl, params), onPage);
  }

  /**
   * Continues a harvest from a stored resumption token. arXiv's tokens expire (within hours); an
   * expired one ends in an {@link OaiPmhException} with code {@code badResumptionToken}.
   */
  public OaiHarvestSummary resume(String resumptionToken, Consumer<OaiPage> onPage) {
    if (resumptionToken == null || resumptionToken.isBlank()) {
      throw new IllegalArgumentException("resumptionToken is blank");
    }
    return harvest(resumeUri(resumptionToken), onPage);
  }

  /**
   * Fetches one record by arXiv id (any spelling {@link PaperId#parse} accepts; the version is
   * dropped since OAI-PMH serves only the latest). A deleted record comes back with a null paper.
   *
   * @throws OaiPmhException with code {@code idDoesNotExist} for unknown ids
   * @throws ArxivException when the record is there but cannot be mapped
   */
  public OaiRecord getRecord(String arxivId, MetadataFormat format) {
    String identifier = OAI_ID_PREFIX + PaperId.parse(arxivId).id();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("verb", "GetRecord");
    params.put("identifier", identifier);
    params.put("metadataPrefix", format.prefix());
    URI uri = QueryUri.of(baseUrl, params);
    OaiResponse response = fetch(uri);
    throwErrors(uri, response, false);
    if (!response.rejected().isEmpty()) {
      RejectedRecord r = response.rejected().get(0);
      throw new ArxivException("record " + r.identifier() + " from " + uri
          + " cannot be mapped: " + r.reason());
    }
    if (!response.records().isEmpty()) {
      return response.records().get(0);
    }
    if (!response.deleted().isEmpty()) {
      return new OaiRecord(response.deleted().get(0), null, null);
    }
    throw new ArxivException("GetRecord response from " + uri + " holds no record");
  }

  private OaiHarvestSummary harvest(URI first, Consumer<OaiPage> onPage) {
    Objects.requireNonNull(onPage, "onPage");
    Instant firstResponseDate = null;
    Long completeListSize = null;
    int pages = 0;
    int records = 0;
    int deleted = 0;
    int rejected = 0;
    String previousToken = null;
    URI uri = first;
    while (uri != null) {
      OaiResponse response = fetch(uri);
      if (firstResponseDate == null) {
        firstResponseDate = response.responseDate();
        completeListSize = response.completeListSize();
      }
      if (throwErrors(uri, response, true)) {
        break;
      }
      pages++;
      onPage.accept(new OaiPage(pages, response.responseDate(), response.records(),
          response.deleted(), response.rejected(), response.resumptionToken(),
          response.completeListSize(), response.cursor()));
      records += response.records().size();
      deleted += response.deleted().size();
      rejected += response.rejected().size();
      String token = response.resumptionToken();
      if (token != null && token.equals(previousToken)) {
        throw new ArxivException("server at " + baseUrl + " repeated resumptionToken " + token
            + "; stopping instead of looping");
      }
      previousToken = token;
      uri = token == null ? null : resumeUri(token);
    }
    return new OaiHarvestSummary(firstResponseDate, pages, records, deleted, rejected,
        completeListSize);
  }

  private URI resumeUri(String token) {
    // The token is an exclusive argument: sending anything else with it is a badArgument.
    Map<String, String> params = new LinkedHashMap<>();
    params.put("verb", "ListRecords");
    params.put("resumptionToken", token);
    return QueryUri.of(baseUrl, params);
  }

  private OaiResponse fetch(URI uri) {
    HttpResult result = http.get(uri);
    if (result.isSuccess()) {
      return OaiResponse.parse(uri, result.body());
    }
    // Some OAI-PMH servers send their <error> with a 4xx status; read it if it is there.
    OaiResponse response;
    try {
      response = OaiResponse.parse(uri, result.body());
    } catch (ArxivException notOai) {
      throw new ArxivException("GET " + uri + " answered HTTP " + result.status() + ": "
          + result.bodySnippet(), notOai);
    }
    if (response.errors().isEmpty()) {
      throw new ArxivException("GET " + uri + " answered HTTP " + result.status()
          + " without an OAI-PMH error");
    }
    return response;
  }

  /** Returns true for an empty result when that is allowed; throws for the other errors. */
  private static boolean throwErrors(URI uri, OaiResponse response, boolean emptyAllowed) {
    if (response.errors().isEmpty()) {
      return false;
    }
    boolean onlyNoMatch =
        response.errors().stream().allMatch(e -> NO_RECORDS_MATCH.equals(e.code()));
    if (emptyAllowed && onlyNoMatch) {
      return true;
    }
    var first = response.errors().get(0);
    StringBuilder message = new StringBuilder(first.message());
    for (var e : response.errors().subList(1, response.errors().size())) {
      message.append("; ").append(e.code()).append(": ").append(e.message());
    }
    throw new OaiPmhException(first.code() == null ? "(no code)" : first.code(),
        message.toString(), uri);
  }
}
