package org.papersift.sources.arxiv;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds request URIs from a base URL and parameters, percent-encoding the values. */
final class QueryUri {
  private QueryUri() {}

  /** Parameters in iteration order; null values are left out. */
  static URI of(URI base, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(base.toString());
    char separator = base.getRawQuery() == null ? '?' : '&';
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (p.getValue() == null) {
        continue;
      }
      sb.append(separator).append(p.getKey()).append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return URI.create(sb.toString());
  }
}
