package org.papersift.app.harvest;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * arXiv's OAI-PMH endpoint played on 127.0.0.1 (ephemeral port) with a recorded response:
 * ListRecords of set physics:hep-ex in the arXiv format, 3 records, responseDate 2017-12-14
 * (../shared/data/arxiv-api-samples, read in place). {@link #failWith} makes it answer an HTTP
 * error instead, as arXiv does when it is down. Remembers the query of every request.
 */
public final class ArxivFixture implements AutoCloseable {
  /** The ids in the recorded page. */
  public static final List<String> HEP_EX_IDS = List.of("1706.05371", "1706.09418", "1707.00874");

  private final HttpServer server;
  private final byte[] page;
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private volatile int failStatus;

  public ArxivFixture() throws IOException {
    page = Files.readAllBytes(samples().resolve("oai_pmh/hepcrawl_arxiv-physics-hep-ex.xml"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/oai", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      queries.add(exchange.getRequestURI().getRawQuery());
      int status = failStatus;
      byte[] body = status == 0 ? page : ("arXiv is resting (" + status + ")").getBytes();
      exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
      exchange.sendResponseHeaders(status == 0 ? 200 : status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The OAI-PMH base URL to harvest from. */
  public URI oaiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oai");
  }

  /** From now on, answer every request with {@code status} (0: the recorded page again). */
  public void failWith(int status) {
    failStatus = status;
  }

  public List<String> queries() {
    return List.copyOf(queries);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * The recorded arXiv responses; missing data skips the test locally and fails it on CI, where
   * a silent skip would hide that nothing was tested.
   */
  static Path samples() {
    String configured = System.getProperty("papersift.shared");
    Path shared = configured != null && !configured.isBlank()
        ? Path.of(configured) : Path.of("..", "shared");
    Path dir = shared.resolve("data").resolve("arxiv-api-samples").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      String message = "recorded arXiv responses not found at " + dir
          + " (set -Dpapersift.shared=<dir containing data/arxiv-api-samples>)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return dir;
  }
}
