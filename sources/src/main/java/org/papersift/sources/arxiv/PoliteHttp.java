package org.papersift.sources.arxiv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP GET client that behaves the way arXiv asks harvesters to: one request at a time, a pause
 * between requests (3 s by default, as the API terms ask), Retry-After obeyed, and failures retried
 * with growing pauses instead of hammering. Thread-safe: callers on several threads queue up behind
 * one lock, so together they still make one request at a time.
 */
public final class PoliteHttp implements AutoCloseable {
  public static final String USER_AGENT = "papersift/0.1 (+https://github.com/papersift)";
  // Guards against a gzip bomb; a full arXivRaw ListRecords page is a few megabytes.
  private static final int MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;

  private final HttpClient client;
  private final Duration minInterval;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final TimeSource time;
  private final ReentrantLock lock = new ReentrantLock(true);
  private boolean anyRequestStarted;
  private long lastStartNanos;
  private volatile boolean closed;

  private PoliteHttp(Builder b) {
    this.minInterval = b.minInterval;
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.time = b.time;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** 3 s between requests, 30 s timeout, 5 retries. */
  public static PoliteHttp withDefaults() {
    return builder().build();
  }

  /**
   * GETs {@code uri}, retrying 429, 5xx, timeouts and I/O errors. Returns the first response that
   * retrying cannot change, whatever its status; throws {@link ArxivException} naming the URL, the
   * last problem and the number of attempts once retries are used up.
   */
  public HttpResult get(URI uri) {
    Objects.requireNonNull(uri, "uri");
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("PoliteHttp is closed");
      }
      return getWithRetries(uri);
    } finally {
      lock.unlock();
    }
  }

  public Duration minInterval() {
    return minInterval;
  }

  public Duration timeout() {
    return timeout;
  }

  public int maxRetries() {
    return maxRetries;
  }

  private HttpResult getWithRetries(URI uri) {
    int attempts = 0;
    while (true) {
      waitForTurn(uri);
      attempts++;
      Outcome outcome = attempt(uri);
      if (outcome.response != null && !isRetryable(outcome.response.statusCode())) {
        return new HttpResult(uri, outcome.response.statusCode(), decode(uri, outcome.response),
            attempts);
      }
      if (attempts > maxRetries) {
        throw new ArxivException("GET " + uri + " failed after " + attempts + " attempts; last: "
            + outcome.problem, outcome.failure);
      }
      Duration wait = retryAfter(outcome.response);
      if (wait == null) {
        wait = backoff(attempts);
      } else if (wait.compareTo(maxRetryAfter) > 0) {
        throw new ArxivException("GET " + uri + ": server asked to retry after " + wait.toSeconds()
            + " s (" + outcome.problem + "), longer than the allowed " + maxRetryAfter.toSeconds()
            + " s; giving up after " + attempts + " attempts");
      }
      sleep(wait, uri);
    }
  }

  private static boolean isRetryable(int status) {
    return status == 429 || (status >= 500 && status <= 599);
  }

  // Spacing counts from the start of each request, retries included, so a flapping server sees
  // no more than one request per interval from us.
  private void waitForTurn(URI uri) {
    if (anyRequestStarted) {
      long remaining = minInterval.toNanos() - (time.nanoTime() - lastStartNanos);
      if (remaining > 0) {
        sleep(Duration.ofNanos(remaining), uri);
      }
    }
    anyRequestStarted = true;
    lastStartNanos = time.nanoTime();
  }

  private Outcome attempt(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .GET()
        .timeout(timeout)
        .header("User-Agent", USER_AGENT)
        .header("Accept-Encoding", "gzip")
        .build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    // The request timeout only covers the wait for headers; the outer deadline also bounds a body
    // that stalls halfway.
    try {
      HttpResponse<byte[]> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Outcome(response, null, "HTTP " + response.statusCode());
    } catch (TimeoutException e) {
      pending.cancel(true);
      return new Outcome(null, e, timedOut());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return new Outcome(null, cause, timedOut());
      }
      if (cause instanceof IOException) {
        return new Outcome(null, cause, "I/O error: " + cause);
      }
      throw new ArxivException("GET " + uri + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new ArxivException("interrupted during GET " + uri, e);
    }
  }

  private String timedOut() {
    return "no complete response within the timeout of " + timeout.toMillis() + " ms";
  }

  private Duration retryAfter(HttpResponse<byte[]> response) {
    if (response == null) {
      return null;
    }
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(time.now(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null; // an unreadable hint is no hint; fall back to our own backoff
    }
  }

  private Duration backoff(int failedAttempts) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private void sleep(Duration wait, URI uri) {
    try {
      time.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArxivException("interrupted while waiting to GET " + uri, e);
    }
  }

  private static byte[] decode(URI uri, HttpResponse<byte[]> response) {
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity")
        .strip().toLowerCase(Locale.ROOT);
    byte[] body = response.body();
    switch (encoding) {
      case "identity", "" -> {
        return body;
      }
      case "gzip", "x-gzip" -> {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          byte[] out = in.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
          if (out.length > MAX_DECOMPRESSED_BYTES) {
            throw new ArxivException("GET " + uri + ": gzip body inflates to more than "
                + MAX_DECOMPRESSED_BYTES + " bytes");
          }
          return out;
        } catch (IOException e) {
          throw new ArxivException("GET " + uri + ": corrupt gzip body: " + e.getMessage(), e);
        }
      }
      default -> throw new ArxivException("GET " + uri + ": unsupported Content-Encoding "
          + encoding + " (only gzip was asked for)");
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        client.close();
      }
    } finally {
      lock.unlock();
    }
  }

  private record Outcome(HttpResponse<byte[]> response, Throwable failure, String problem) {}

  /** Settings for {@link PoliteHttp}; every setter has the default arXiv expects. */
  public static final class Builder {
    private Duration minInterval = Duration.ofSeconds(3);
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRetries = 5;
    private Duration initialBackoff = Duration.ofSeconds(5);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration maxRetryAfter = Duration.ofMinutes(10);
    private TimeSource time = TimeSource.SYSTEM;

    private Builder() {}

    /** Least time between the starts of two requests; default 3 s. */
    public Builder minInterval(Duration d) {
      this.minInterval = requireNotNegative("minInterval", d);
      return this;
    }

    /** Limit for connecting and for receiving the whole response; default 30 s. */
    public Builder timeout(Duration d) {
      if (requireNotNegative("timeout", d).isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = d;
      return this;
    }

    /** Retries after the first attempt; default 5, so at most 6 requests. */
    public Builder maxRetries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, got " + n);
      }
      this.maxRetries = n;
      return this;
    }

    /** First pause after a failure without Retry-After; doubles per failure. Default 5 s. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = requireNotNegative("initialBackoff", d);
      return this;
    }

    /** Cap for the doubling pause; default 5 min. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = requireNotNegative("maxBackoff", d);
      return this;
    }

    /** Longest Retry-After obeyed; a server asking for more fails the request. Default 10 min. */
    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = requireNotNegative("maxRetryAfter", d);
      return this;
    }

    public Builder timeSource(TimeSource t) {
      this.time = Objects.requireNonNull(t, "timeSource");
      return this;
    }

    public PoliteHttp build() {
      return new PoliteHttp(this);
    }

    private static Duration requireNotNegative(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d;
    }
  }
}
