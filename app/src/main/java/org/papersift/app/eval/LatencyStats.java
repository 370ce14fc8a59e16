package org.papersift.app.eval;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds and their summary. Percentiles use the nearest-rank definition
 * (the smallest sample with at least p% of samples at or below it), so every reported value is a
 * latency that was actually measured, never an interpolation. Samples are all kept: a benchmark
 * records at most a few hundred thousand, and exact percentiles are the point.
 *
 * <p>Methods are synchronized so worker threads of a concurrent benchmark can share one instance.
 */
public final class LatencyStats {
  private long[] samples = new long[256];
  private int count;
  private long sum;
  private boolean sorted = true;

  /** Everything a benchmark prints, in nanoseconds except {@code perSecond}. */
  public record Summary(int count, long p50Nanos, long p95Nanos, long p99Nanos, double meanNanos,
      long maxNanos, double perSecond) {}

  /** Adds one sample; negative durations mean a clock mix-up and are refused. */
  public synchronized void record(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("latency must be >= 0 ns, got " + nanos);
    }
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
    sum = Math.addExact(sum, nanos);
    sorted = false;
  }

  public synchronized int count() {
    return count;
  }

  /**
   * Nearest-rank percentile: the sample at rank ceil(p / 100 * n) of the ascending samples.
   *
   * @param p in (0, 100]
   * @throws IllegalStateException if nothing was recorded
   */
  public synchronized long percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    requireSamples();
    sortIfNeeded();
    // Multiply before dividing: for an integer p, p * n is an exact integer and one correctly
    // rounded division by 100 cannot land on the wrong side of an integer, so the rank is exact.
    long rank = (long) Math.ceil(p * count / 100.0);
    return samples[(int) Math.max(rank, 1) - 1];
  }

  public long p50() {
    return percentile(50);
  }

  public long p95() {
    return percentile(95);
  }

  public long p99() {
    return percentile(99);
  }

  public synchronized double mean() {
    requireSamples();
    return (double) sum / count;
  }

  public synchronized long max() {
    requireSamples();
    sortIfNeeded();
    return samples[count - 1];
  }

  /** Samples per second over {@code wallNanos} of wall-clock time (not the sum of latencies). */
  public synchronized double throughputPerSecond(long wallNanos) {
    if (wallNanos <= 0) {
      throw new IllegalArgumentException("wall time must be > 0 ns, got " + wallNanos);
    }
    return count * 1e9 / wallNanos;
  }

  /** All figures at once; {@code wallNanos} is the elapsed time of the whole benchmark. */
  public synchronized Summary summary(long wallNanos) {
    return new Summary(count, p50(), p95(), p99(), mean(), max(),
        throughputPerSecond(wallNanos));
  }

  private void requireSamples() {
    if (count == 0) {
      throw new IllegalStateException("no latency samples recorded");
    }
  }

  private void sortIfNeeded() {
    if (!sorted) {
      Arrays.sort(samples, 0, count);
      sorted = true;
    }
  }
}
