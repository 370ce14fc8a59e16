package org.papersift.sources.arxiv;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 with an ephemeral port that answers through a route function
 * and remembers every request. Handlers run on their own threads, so a route may block (to play
 * a server that accepts and never answers) until the server is closed.
 */
final class FixtureServer implements AutoCloseable {
  record Request(String path, Map<String, String> query, Headers headers) {
    String param(String name) {
      return query.get(name);
    }
  }

  record Reply(int status, Map<String, String> headers, byte[] body) {
    static Reply ok(byte[] body) {
      return new Reply(200, Map.of("Content-Type", "text/xml; charset=utf-8"), body);
    }

    static Reply ok(String body) {
      return ok(body.getBytes(StandardCharsets.UTF_8));
    }

    static Reply status(int status) {
      return new Reply(status, Map.of(), new byte[0]);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, body);
    }

    Reply withStatus(int newStatus) {
      return new Reply(newStatus, headers, body);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new ArrayList<>();

  FixtureServer(Function<Request, Reply> route) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, route));
    server.start();
  }

  private void handle(HttpExchange exchange, Function<Request, Reply> route) throws IOException {
    try (exchange) {
      Request request = new Request(exchange.getRequestURI().getPath(),
          parseQuery(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders());
      synchronized (requests) {
        requests.add(request);
      }
      Reply reply;
      try {
        reply = route.apply(request);
      } catch (RuntimeException e) {
        reply = new Reply(400, Map.of(), ("route failed: " + e).getBytes(StandardCharsets.UTF_8));
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1
          : reply.body().length);
      if (reply.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    }
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
