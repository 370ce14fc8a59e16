package org.papersift.app;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How papersift talks to arXiv. Defaults follow arXiv's API terms: one request every 3 seconds,
 * one connection. Environment: PAPERSIFT_OAI_URL, PAPERSIFT_ARXIV_API_URL,
 * PAPERSIFT_ARXIV_INTERVAL_MS, PAPERSIFT_ARXIV_TIMEOUT_MS, PAPERSIFT_ARXIV_RETRIES.
 */
public record ArxivSettings(URI oaiBaseUrl, URI apiBaseUrl, Duration minInterval,
    Duration timeout, int maxRetries) {
  public static final URI DEFAULT_OAI = URI.create("https://oaipmh.arxiv.org/oai");
  public static final URI DEFAULT_API = URI.create("https://export.arxiv.org/api/query");

  public ArxivSettings {
    if (minInterval.isNegative() || timeout.isNegative() || timeout.isZero() || maxRetries < 0) {
      throw new IllegalArgumentException("arXiv settings out of range: interval " + minInterval
          + ", timeout " + timeout + ", retries " + maxRetries);
    }
    requireHttp(oaiBaseUrl);
    requireHttp(apiBaseUrl);
  }

  public static ArxivSettings fromEnvironment(Map<String, String> env) {
    return new ArxivSettings(
        URI.create(env.getOrDefault("PAPERSIFT_OAI_URL", DEFAULT_OAI.toString())),
        URI.create(env.getOrDefault("PAPERSIFT_ARXIV_API_URL", DEFAULT_API.toString())),
        Duration.ofMillis(longEnv(env, "PAPERSIFT_ARXIV_INTERVAL_MS", 3_000)),
        Duration.ofMillis(longEnv(env, "PAPERSIFT_ARXIV_TIMEOUT_MS", 30_000)),
        (int) longEnv(env, "PAPERSIFT_ARXIV_RETRIES", 5));
  }

  private static long longEnv(Map<String, String> env, String name, long fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got \"" + v + "\"");
    }
  }

  private static void requireHttp(URI uri) {
    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an http(s) URL, got \"" + uri + "\"");
    }
  }
}
