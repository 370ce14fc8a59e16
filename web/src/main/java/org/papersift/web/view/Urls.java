package org.papersift.web.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.papersift.core.paper.InvalidPaperException;
import org.papersift.core.paper.PaperId;

/** Links of the site and to the outside (arXiv, doi.org), encoded once, here. */
public final class Urls {
  private Urls() {}

  /** The paper page. Old-style arXiv ids keep their slash: /papers/hep-th/9901001. */
  public static String paper(String id) {
    return "/papers/" + pathSegments(id);
  }

  public static String author(String name) {
    return "/authors/" + pathSegment(name);
  }

  public static String authorFeed(String name) {
    return "/feeds/authors/" + pathSegment(name) + ".atom";
  }

  public static String category(String category) {
    return "/search?cat=" + query(category);
  }

  /** True for arXiv ids (new and old style), which have abs and PDF pages on arxiv.org. */
  public static boolean isArxiv(String id) {
    try {
      return new PaperId(id, 0).isArxiv();
    } catch (InvalidPaperException e) {
      return false;
    }
  }

  public static String arxivAbs(String id) {
    return "https://arxiv.org/abs/" + pathSegments(id);
  }

  public static String arxivPdf(String id) {
    return "https://arxiv.org/pdf/" + pathSegments(id);
  }

  public static String doi(String doi) {
    return "https://doi.org/" + pathSegments(doi);
  }

  /** Only http(s) links from sources are shown: never javascript: or data: ones. */
  public static boolean isWebLink(String href) {
    String h = href.strip().toLowerCase(java.util.Locale.ROOT);
    return h.startsWith("https://") || h.startsWith("http://");
  }

  /** The sign-in page, which sends the reader back to {@code returnUrl}. */
  public static String signin(String returnUrl) {
    return "/signin?return=" + query(returnUrl);
  }

  /** A value for a query string (form encoding: a space becomes +). */
  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code path?k=v&…} with the blank values left out; {@code path} alone when none are left. */
  public static String withParams(String path, Map<String, String> params) {
    StringJoiner q = new StringJoiner("&");
    params.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        q.add(query(k) + "=" + query(v));
      }
    });
    return q.length() == 0 ? path : path + (path.contains("?") ? "&" : "?") + q;
  }

  /** An ordered map for {@link #withParams}: {@code params("q", q, "p", "2")}. */
  public static Map<String, String> params(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** Percent-encodes one path segment (a slash too), RFC 3986 unreserved characters kept. */
  public static String pathSegment(String s) {
    return encode(s, false);
  }

  /** Like {@link #pathSegment} but slashes stay (ids such as hep-th/9901001, DOIs). */
  static String pathSegments(String s) {
    return encode(s, true);
  }

  private static String encode(String s, boolean keepSlash) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/')
          || c == ':' || c == '@' || c == '(' || c == ')' || c == ';' || c == ','
          || c == '!' || c == '*' || c == '$' || c == '\'' || c == '=';
      if (keep) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
