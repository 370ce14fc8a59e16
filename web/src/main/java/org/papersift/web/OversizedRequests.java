package org.papersift.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests whose address or headers are too large for Jetty (over its 8 KiB header limit, e.g. a
 * search for a megabyte of text) never reach the routes: Jetty refuses them itself, with 414 URI
 * Too Long or 431 Request Header Fields Too Large and a bare page of its own. This keeps Jetty's
 * status but answers with papersift's body and security headers: under {@code /api/} the API's
 * JSON error ({@code {"error", "message", "status"}}), elsewhere the site's error page, with a
 * message that says what to do. Other errors Jetty raises before routing keep Jetty's handling.
 *
 * <p><b>What Jetty still knows.</b> For a 431 the request line was read: the request carries its
 * real path (but no headers). For a 414 Jetty gave up inside the request line, before the path
 * ended and before any header: it reports the path as {@code /badMessage}, with no headers, so
 * neither the path nor an Accept header can tell an API call from a page. Those get the HTML
 * page, which is what openapi.yaml promises API clients for an overlong request line (a 414 with
 * a short HTML page, not JSON); the status says what happened either way.
 */
final class OversizedRequests extends ErrorHandler {
  static final String URI_TOO_LONG = "the address is too long (at most 8 KB are accepted):"
      + " if it is a search, shorten the query";
  static final String HEADERS_TOO_LARGE = "the request's headers are too large (at most 8 KB"
      + " are accepted): clearing this site's cookies may help";

  private final boolean https;
  private final byte[] uriTooLongPage;
  private final byte[] headersTooLargePage;
  private final byte[] uriTooLongJson;
  private final byte[] headersTooLargeJson;

  OversizedRequests(Templates templates, WebSettings settings) {
    this.https = settings.secureCookies();
    this.uriTooLongPage = page(templates, 414, URI_TOO_LONG);
    this.headersTooLargePage = page(templates, 431, HEADERS_TOO_LARGE);
    this.uriTooLongJson = json(414, URI_TOO_LONG);
    this.headersTooLargeJson = json(431, HEADERS_TOO_LARGE);
  }

  private static byte[] page(Templates templates, int status, String message) {
    return templates.render("error.jte", Map.of("visitor", new Visitor(null, ""), "status",
        status, "message", message)).getBytes(StandardCharsets.UTF_8);
  }

  /** The body WebServer gives every API error. */
  private static byte[] json(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("message", message);
    body.put("status", status);
    try {
      return new ObjectMapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!(request.getAttribute(ERROR_STATUS) instanceof Integer status)
        || status != 414 && status != 431) {
      return super.handle(request, response, callback);
    }
    // A 414's path is always /badMessage (see the class comment): only a 431 can be an API one.
    boolean api = Request.getPathInContext(request).startsWith("/api/");
    byte[] body;
    if (api) {
      body = status == 414 ? uriTooLongJson : headersTooLargeJson;
    } else {
      body = status == 414 ? uriTooLongPage : headersTooLargePage;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE,
        api ? "application/json" : "text/html; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Content-Security-Policy", SecurityFilter.CONTENT_SECURITY_POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("X-Frame-Options", "DENY");
    response.getHeaders().put("Referrer-Policy", "same-origin");
    if (https) {
      response.getHeaders().put("Strict-Transport-Security", "max-age=31536000");
    }
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
