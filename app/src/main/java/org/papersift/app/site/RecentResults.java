package org.papersift.app.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A bounded map of recent answers that expire after a while: similar papers do not change from
 * one page view to the next, and computing them is most of a paper page's cost. Least recently
 * used entries go first when it is full. Thread-safe; the answer is computed outside the lock,
 * so two first views of one paper may both compute it (harmless).
 */
final class RecentResults<K, V> {
  private final int capacity;
  private final Duration ttl;
  private final Clock clock;
  private final Map<K, Timed<V>> entries;

  private record Timed<V>(V value, Instant expires) {}

  RecentResults(int capacity, Duration ttl, Clock clock) {
    this.capacity = capacity;
    this.ttl = ttl;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Timed<V>> eldest) {
        return size() > RecentResults.this.capacity;
      }
    };
  }

  V get(K key, Supplier<V> compute) {
    Instant now = clock.instant();
    synchronized (entries) {
      Timed<V> e = entries.get(key);
      if (e != null && now.isBefore(e.expires())) {
        return e.value();
      }
    }
    V value = compute.get();
    synchronized (entries) {
      entries.put(key, new Timed<>(value, now.plus(ttl)));
    }
    return value;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
