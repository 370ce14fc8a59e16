package org.papersift.sources.arxiv;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A response {@link PoliteHttp} gave up retrying on: a success, or a status that retrying cannot
 * fix (400, 404, ...), which the caller may still want to read because arXiv explains errors in
 * the body (the Atom API sends its error feed with status 400).
 *
 * @param body already decompressed
 * @param attempts how many requests it took, 1 when the first one answered
 */
public record HttpResult(URI uri, int status, byte[] body, int attempts) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The start of the body for error messages; bodies can be megabytes. */
  public String bodySnippet() {
    int n = Math.min(body.length, 300);
    return new String(body, 0, n, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
  }
}
