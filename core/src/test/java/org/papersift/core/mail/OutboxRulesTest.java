package org.papersift.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxRulesTest {
  private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void keysRoundTripAndRefuseSeparators() {
    OutboxKey key = OutboxKey.digest(17, "2026-W48");
    assertThat(key.text()).isEqualTo("17|digest|2026-W48");
    assertThat(OutboxKey.parse(key.text())).isEqualTo(key);
    assertThatThrownBy(() -> new OutboxKey(1, "digest", "a|b")).hasMessageContaining("a|b");
    assertThatThrownBy(() -> new OutboxKey(1, "Digest", "2026")).hasMessageContaining("Digest");
    assertThatThrownBy(() -> OutboxKey.parse("x|digest|2026")).hasMessageContaining("x|digest");
  }

  @Test
  void backoffGrowsThenGivesUp() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.maxAttempts()).isEqualTo(6);
    assertThat(p.nextAttempt(1, T)).contains(T.plus(Duration.ofMinutes(1)));
    assertThat(p.nextAttempt(2, T)).contains(T.plus(Duration.ofMinutes(5)));
    assertThat(p.nextAttempt(3, T)).contains(T.plus(Duration.ofMinutes(30)));
    assertThat(p.nextAttempt(4, T)).contains(T.plus(Duration.ofHours(2)));
    assertThat(p.nextAttempt(5, T)).contains(T.plus(Duration.ofHours(6)));
    assertThat(p.nextAttempt(6, T)).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> p.nextAttempt(0, T)).hasMessageContaining("0");
  }

  @Test
  void messagesCopyTheirBytes() {
    byte[] eml = {1, 2, 3};
    OutboxMessage m = new OutboxMessage(OutboxKey.digest(1, "2026-11-23"), "a@example.org",
        "<x@example.org>", "s", eml);
    eml[0] = 9;
    m.eml()[1] = 9;
    assertThat(m.eml()).containsExactly(1, 2, 3);
  }
}
