package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Guessing floods meet 429s before any hashing, and do not lock out anyone else. */
class SecurityRateLimitTest {
  @Test
  void thousandFailedSignInsForOneEmail() throws Exception {
    try (AccountHarness site = new AccountHarness()) {
      site.user("victim@example.org", "the victim's password");
      site.user("bystander@example.org", "the bystander's password");
      AccountHarness.Browser attacker = site.browser();
      String csrf = attacker.csrf("/signin");

      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      List<String> retryAfter = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      long start = System.nanoTime();
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int n = i;
        jobs.add(pool.submit(() -> {
          HttpResponse<String> r = attacker.post("/signin", Map.of("_csrf", csrf,
              "email", "victim@example.org", "password", "guess number " + n));
          statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
          r.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
        }));
      }
      // While the flood runs, other readers are answered quickly.
      AccountHarness.Browser bystander = site.browser();
      long t0 = System.nanoTime();
      assertThat(bystander.get("/signin").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      for (Future<?> f : jobs) {
        f.get();
      }
      pool.shutdown();
      Duration flood = Duration.ofNanos(System.nanoTime() - start);

      assertThat(statuses.keySet()).containsOnly(400, 429);
      assertThat(statuses.get(400).get()).as("password checks, at most the limit").isEqualTo(10);
      assertThat(statuses.get(429).get()).isEqualTo(990);
      assertThat(retryAfter).hasSize(990).allSatisfy(s -> assertThat(Integer.parseInt(s))
          .isBetween(1, 15 * 60));
      assertThat(flood).as("990 answers without hashing").isLessThan(Duration.ofSeconds(30));

      // The right password is refused too while the email is throttled...
      HttpResponse<String> locked = site.browser().signIn("victim@example.org",
          "the victim's password");
      assertThat(locked.statusCode()).isEqualTo(429);
      // ...but another reader on the same network signs in.
      assertThat(bystander.signIn("bystander@example.org", "the bystander's password")
          .statusCode()).isEqualTo(303);
      // And after a while, the victim too.
      site.clock.advance(Duration.ofMinutes(2));
      assertThat(site.browser().signIn("victim@example.org", "the victim's password")
          .statusCode()).isEqualTo(303);
    }
  }

  @Test
  void floodFromOneAddressAcrossEmailsBehindATrustedProxy() {
    AccountLimits limits = AccountLimits.DEFAULTS.withTrustForwardedFor(true);
    try (AccountHarness site = new AccountHarness(limits, false)) {
      site.user("reader@example.org", "the right password");
      AccountHarness.Browser attacker = site.browser();
      String csrf = attacker.csrf("/signin");
      int refused = 0;
      int checked = 0;
      for (int i = 0; i < 1000; i++) {
        // The client claims another address first; the proxy appends the real one last.
        HttpResponse<String> r = attacker.post("/signin", Map.of("_csrf", csrf, "email",
            "user" + i + "@example.org", "password", "some guess"),
            "X-Forwarded-For", "198.51.100." + (i % 250) + ", 203.0.113.66");
        if (r.statusCode() == 429) {
          refused++;
        } else {
          checked++;
        }
      }
      assertThat(checked).isEqualTo(50);
      assertThat(refused).isEqualTo(950);
      AccountHarness.Browser sameAddress = site.browser();
      assertThat(sameAddress.submit("/signin", "/signin", Map.of("email", "reader@example.org",
          "password", "the right password"), "X-Forwarded-For", "203.0.113.66").statusCode())
          .isEqualTo(429);
      AccountHarness.Browser elsewhere = site.browser();
      assertThat(elsewhere.submit("/signin", "/signin", Map.of("email", "reader@example.org",
          "password", "the right password"), "X-Forwarded-For", "192.0.2.10").statusCode())
          .isEqualTo(303);
    }
  }

  @Test
  void forwardedForIsIgnoredUnlessTrusted() {
    try (AccountHarness site = new AccountHarness()) {
      AccountHarness.Browser attacker = site.browser();
      String csrf = attacker.csrf("/signin");
      int checked = 0;
      for (int i = 0; i < 60; i++) {
        HttpResponse<String> r = attacker.post("/signin", Map.of("_csrf", csrf, "email",
            "user" + i + "@example.org", "password", "some guess"),
            "X-Forwarded-For", "198.51.100." + i);
        if (r.statusCode() != 429) {
          checked++;
        }
      }
      assertThat(checked).as("the per-address limit holds").isEqualTo(50);
    }
  }

  @Test
  void signUpsPerAddress() {
    AccountLimits limits = new AccountLimits(AccountLimits.DEFAULTS.signInFailuresPerEmail(),
        AccountLimits.DEFAULTS.signInFailuresPerClient(),
        new AccountLimits.Rate(2, Duration.ofHours(1)), 1000, false);
    try (AccountHarness site = new AccountHarness(limits, false)) {
      AccountHarness.Browser b = site.browser();
      assertThat(b.submit("/signup", "/signup", Map.of("email", "bad", "password",
          "a long password", "confirm", "a long password")).statusCode())
          .as("refused input does not count").isEqualTo(400);
      for (int i = 0; i < 2; i++) {
        assertThat(site.browser().submit("/signup", "/signup", Map.of("email",
            "new" + i + "@example.org", "password", "a long password", "confirm",
            "a long password")).statusCode()).isEqualTo(303);
      }
      HttpResponse<String> third = b.submit("/signup", "/signup", Map.of("email",
          "new3@example.org", "password", "a long password", "confirm", "a long password"));
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).hasValue("1800");
      assertThat(third.body()).contains("Too many sign-ups");
      assertThat(site.library.users().credentials("new3@example.org")).isEmpty();
    }
  }
}
