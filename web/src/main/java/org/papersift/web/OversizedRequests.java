package org.papersift.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests whose address or headers are too large for Jetty (over its 8 KiB header limit, e.g. a
 * search for a megabyte of text) never reach the routes: Jetty answers them itself with a bare
 * 414 or 431. This answers them instead with the site's error page, status 400 and a message
 * that says what to do. Other errors Jetty raises before routing keep Jetty's handling.
 */
final class OversizedRequests extends ErrorHandler {
  private final byte[] uriTooLong;
  private final byte[] headersTooLarge;

  OversizedRequests(Templates templates) {
    this.uriTooLong = page(templates, "the address is too long (at most 8 KB are accepted):"
        + " if it is a search, shorten the query");
    this.headersTooLarge = page(templates, "the request's headers are too large (at most 8 KB"
        + " are accepted): clearing this site's cookies may help");
  }

  private static byte[] page(Templates templates, String message) {
    return templates.render("error.jte", Map.of("visitor", new Visitor(null, ""), "status", 400,
        "message", message)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Object status = request.getAttribute(ERROR_STATUS);
    byte[] body = status instanceof Integer s ? switch (s) {
      case 414 -> uriTooLong;
      case 431 -> headersTooLarge;
      default -> null;
    } : null;
    if (body == null) {
      return super.handle(request, response, callback);
    }
    response.setStatus(400);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
