package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityRateLimiterTest {
  private final AccountHarness.MovableClock clock =
      new AccountHarness.MovableClock(Instant.parse("2025-01-01T00:00:00Z"));

  @Test
  void bucketEmptiesRefillsAndRefunds() {
    RateLimiter limiter = new RateLimiter(new AccountLimits.Rate(3, Duration.ofMinutes(1)), 100,
        clock);
    assertThat(limiter.tryAcquire("a")).isNull();
    assertThat(limiter.tryAcquire("a")).isNull();
    assertThat(limiter.tryAcquire("a")).isNull();
    assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofSeconds(20));
    assertThat(limiter.tryAcquire("b")).as("other keys are not affected").isNull();

    clock.advance(Duration.ofSeconds(15));
    assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(limiter.tryAcquire("a")).isNull();
    assertThat(limiter.tryAcquire("a")).isNotNull();

    limiter.refund("a");
    assertThat(limiter.tryAcquire("a")).as("a success gives its token back").isNull();

    clock.advance(Duration.ofHours(5));
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).as("refilled to capacity, no more").isNull();
    }
    assertThat(limiter.tryAcquire("a")).isNotNull();
  }

  @Test
  void memoryStaysBoundedUnderAFloodOfKeys() {
    RateLimiter limiter = new RateLimiter(new AccountLimits.Rate(1, Duration.ofHours(1)), 1000,
        clock);
    for (int i = 0; i < 100_000; i++) {
      limiter.tryAcquire("key" + i);
    }
    assertThat(limiter.trackedKeys()).isEqualTo(1000);
    assertThat(limiter.tryAcquire("key99999")).as("recent keys are kept").isNotNull();
  }

  @Test
  void clientNetworks() {
    assertThat(AccountRoutes.networkOf("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(AccountRoutes.networkOf("2001:db8:1:2:3:4:5:6"))
        .isEqualTo(AccountRoutes.networkOf("2001:db8:1:2:ffff::1"))
        .isEqualTo("20010db800010002::/64");
    assertThat(AccountRoutes.networkOf("2001:db8:1:3::1"))
        .isNotEqualTo(AccountRoutes.networkOf("2001:db8:1:2::1"));
    assertThat(AccountRoutes.networkOf("[::ffff:203.0.113.7]")).isEqualTo("203.0.113.7");
    assertThat(AccountRoutes.networkOf("not-an-address.example"))
        .isEqualTo("not-an-address.example");
  }
}
