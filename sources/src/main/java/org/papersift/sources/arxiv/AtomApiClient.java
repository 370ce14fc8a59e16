package org.papersift.sources.arxiv;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Queries the arXiv Atom API (search_query / id_list), paging with start and max_results. Meant
 * for searches and small id lookups; bulk harvesting belongs to {@link OaiPmhClient}. Requests go
 * through the given {@link PoliteHttp}, which this class does not close.
 */
public final class AtomApiClient {
  public static final URI DEFAULT_BASE_URL = URI.create("https://export.arxiv.org/api/query");

  private final PoliteHttp http;
  private final URI baseUrl;

  public AtomApiClient(PoliteHttp http) {
    this(http, DEFAULT_BASE_URL);
  }

  public AtomApiClient(PoliteHttp http, URI baseUrl) {
    this.http = Objects.requireNonNull(http, "http");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Fetches pages from {@code query.start()} on, handing each to {@code onPage}, until
   * totalResults is reached, a page comes back empty, or {@code query.limit()} results were
   * delivered. The last request asks only for what the limit still allows.
   *
   * @throws ArxivApiException when arXiv answers with its error feed
   * @throws ArxivException for unreadable responses and exhausted retries
   */
  public AtomSearchSummary search(AtomQuery query, Consumer<AtomPage> onPage) {
    Objects.requireNonNull(onPage, "onPage");
    long totalResults = -1;
    int pages = 0;
    int delivered = 0;
    int rejected = 0;
    int start = query.start();
    while (delivered < query.limit()) {
      int want = Math.min(query.pageSize(), query.limit() - delivered);
      AtomPage page = fetchPage(query, start, want, pages + 1);
      if (pages == 0) {
        totalResults = page.totalResults();
      }
      if (page.size() == 0) {
        break;
      }
      pages++;
      onPage.accept(page);
      delivered += page.size();
      rejected += page.rejected().size();
      // Move on by what came back, not by what was asked: arXiv sometimes returns short pages,
      // and skipping ahead would lose results.
      start += page.size();
      if (page.totalResults() >= 0 && start >= page.totalResults()) {
        break;
      }
    }
    return new AtomSearchSummary(totalResults, pages, delivered - rejected, rejected);
  }

  /** One request: results {@code start} to {@code start + maxResults - 1}. */
  public AtomPage fetchPage(AtomQuery query, int start, int maxResults) {
    return fetchPage(query, start, maxResults, 1);
  }

  private AtomPage fetchPage(AtomQuery query, int start, int maxResults, int pageNumber) {
    URI uri = uri(query, start, maxResults);
    HttpResult result = http.get(uri);
    if (result.isSuccess()) {
      return AtomFeedParser.parse(uri, result.body(), pageNumber);
    }
    // arXiv sends its error feed with status 400; parsing it throws with arXiv's explanation.
    try {
      AtomFeedParser.parse(uri, result.body(), pageNumber);
    } catch (ArxivApiException e) {
      throw e;
    } catch (ArxivException notAtom) {
      throw new ArxivException("GET " + uri + " answered HTTP " + result.status() + ": "
          + result.bodySnippet(), notAtom);
    }
    throw new ArxivException("GET " + uri + " answered HTTP " + result.status()
        + " with a feed that reports no error");
  }

  URI uri(AtomQuery query, int start, int maxResults) {
    if (maxResults < 1 || maxResults > AtomQuery.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("maxResults must be 1.." + AtomQuery.MAX_PAGE_SIZE
          + ", got " + maxResults);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("search_query", query.searchQuery());
    params.put("id_list", query.idList().isEmpty() ? null : String.join(",", query.idList()));
    params.put("start", Integer.toString(start));
    params.put("max_results", Integer.toString(maxResults));
    params.put("sortBy", query.sortBy() == null ? null : query.sortBy().value());
    params.put("sortOrder", query.sortOrder() == null ? null : query.sortOrder().value());
    return QueryUri.of(baseUrl, params);
  }
}
