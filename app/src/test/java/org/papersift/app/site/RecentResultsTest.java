package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentResultsTest {
  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void reusesAnAnswerUntilItExpires() {
    MovingClock clock = new MovingClock();
    RecentResults<String, Integer> cache = new RecentResults<>(10, Duration.ofMinutes(10), clock);
    AtomicInteger computed = new AtomicInteger();
    assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(1);
    assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(1);
    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(1);
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void dropsTheLeastRecentlyUsedWhenFull() {
    RecentResults<Integer, Integer> cache =
        new RecentResults<>(3, Duration.ofHours(1), Clock.systemUTC());
    AtomicInteger computed = new AtomicInteger();
    for (int k = 0; k < 3; k++) {
      cache.get(k, computed::incrementAndGet);
    }
    cache.get(0, computed::incrementAndGet); // 0 is now the most recently used
    cache.get(3, computed::incrementAndGet); // evicts 1
    assertThat(cache.size()).isEqualTo(3);
    int before = computed.get();
    cache.get(0, computed::incrementAndGet);
    assertThat(computed.get()).isEqualTo(before);
    cache.get(1, computed::incrementAndGet);
    assertThat(computed.get()).isEqualTo(before + 1);
  }
}
