package org.papersift.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key (an email, a client address) in memory: {@code count} tokens, refilled
 * evenly over {@code per}. An attempt takes a token before the expensive work; a success gives it
 * back with {@link #refund}, so only failures count and concurrent attempts cannot all slip
 * through between a check and the work. At most {@code maxKeys} keys are kept; the least recently
 * used is dropped first (usually a bucket that has long refilled, which loses nothing).
 */
final class RateLimiter {
  private final int capacity;
  private final double millisPerToken;
  private final Clock clock;
  private final Map<String, Bucket> buckets;

  RateLimiter(AccountLimits.Rate rate, int maxKeys, Clock clock) {
    this.capacity = rate.count();
    this.millisPerToken = (double) rate.per().toMillis() / rate.count();
    this.clock = clock;
    this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxKeys;
      }
    };
  }

  /** Takes a token for the key: null when one was taken, else how long until one is back. */
  synchronized Duration tryAcquire(String key) {
    long now = clock.millis();
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    b.refill(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Duration.ofMillis((long) Math.ceil((1 - b.tokens) * millisPerToken));
  }

  /** Gives back the token an attempt took (the attempt succeeded). */
  synchronized void refund(String key) {
    Bucket b = buckets.get(key);
    if (b != null) {
      b.tokens = Math.min(capacity, b.tokens + 1);
    }
  }

  synchronized int trackedKeys() {
    return buckets.size();
  }

  private final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }

    void refill(long now) {
      if (now > updated) {
        tokens = Math.min(capacity, tokens + (now - updated) / millisPerToken);
        updated = now;
      }
    }
  }
}
