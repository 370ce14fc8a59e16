package org.papersift.sources.arxiv;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and the sleep {@link PoliteHttp} paces itself with, so tests can check the waits
 * (3 s between requests, Retry-After, backoff) without spending them.
 */
public interface TimeSource {
  /** Monotonic time for measuring intervals between requests. */
  long nanoTime();

  /** Wall-clock time, needed to turn a Retry-After HTTP date into a wait. */
  Instant now();

  void sleep(Duration duration) throws InterruptedException;

  TimeSource SYSTEM = new TimeSource() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      if (duration.isPositive()) {
        Thread.sleep(duration);
      }
    }
  };
}
