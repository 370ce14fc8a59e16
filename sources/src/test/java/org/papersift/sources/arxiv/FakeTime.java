package org.papersift.sources.arxiv;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Virtual time: sleeping records the wait and moves the clock instead of blocking. */
final class FakeTime implements TimeSource {
  static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

  private long nanos = 1_000_000_000L;
  private Instant now = START;
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    advance(d);
  }

  synchronized void advance(Duration d) {
    nanos += d.toNanos();
    now = now.plus(d);
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
