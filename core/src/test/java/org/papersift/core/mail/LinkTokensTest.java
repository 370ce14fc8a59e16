package org.papersift.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.LinkTokens.Purpose;
import org.papersift.core.mail.LinkTokens.Reason;
import org.papersift.core.mail.LinkTokens.Rejected;
import org.papersift.core.mail.LinkTokens.Valid;

class LinkTokensTest {
  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  private final byte[] secret = secret(7);
  private final LinkTokens tokens = new LinkTokens(secret);

  @Test
  void aTokenNamesItsSubscriberUntilItExpires() {
    String token = tokens.issue(Purpose.CONFIRM, 42, NOW);
    assertThat(token).hasSize(46).matches("[A-Za-z0-9_-]+");
    assertThat(tokens.check(token, Purpose.CONFIRM, NOW.plus(Duration.ofDays(6))))
        .isEqualTo(new Valid(42, NOW.plus(Duration.ofDays(7))));
    assertThat(tokens.check(token, Purpose.CONFIRM, NOW.plus(Duration.ofDays(7))))
        .isEqualTo(new Rejected(Reason.EXPIRED));
    String unsubscribe = tokens.issue(Purpose.UNSUBSCRIBE, 42, NOW);
    assertThat(tokens.check(unsubscribe, Purpose.UNSUBSCRIBE, NOW.plus(Duration.ofDays(364))))
        .isInstanceOf(Valid.class);
  }

  @Test
  void aTokenForOnePurposeDoesNotServeTheOther() {
    String confirm = tokens.issue(Purpose.CONFIRM, 42, NOW);
    assertThat(tokens.check(confirm, Purpose.UNSUBSCRIBE, NOW))
        .isEqualTo(new Rejected(Reason.WRONG_PURPOSE));
  }

  @Test
  void everyChangedByteIsCaught() {
    String token = tokens.issue(Purpose.UNSUBSCRIBE, 42, NOW);
    byte[] raw = Base64.getUrlDecoder().decode(token);
    for (int i = 1; i < raw.length; i++) {
      byte[] changed = raw.clone();
      changed[i] ^= 1;
      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
      assertThat(tokens.check(forged, Purpose.UNSUBSCRIBE, NOW)).as("byte %d", i)
          .isEqualTo(new Rejected(Reason.TAMPERED));
    }
    // another subscriber's id with the old MAC, or a token of another installation
    byte[] other = raw.clone();
    other[9] = 43;
    assertThat(tokens.check(Base64.getUrlEncoder().withoutPadding().encodeToString(other),
        Purpose.UNSUBSCRIBE, NOW)).isEqualTo(new Rejected(Reason.TAMPERED));
    assertThat(new LinkTokens(secret(8)).check(token, Purpose.UNSUBSCRIBE, NOW))
        .isEqualTo(new Rejected(Reason.TAMPERED));
  }

  @Test
  void brokenTokensAreMalformed() {
    String token = tokens.issue(Purpose.CONFIRM, 1, NOW);
    for (String bad : new String[] {null, "", "abc", token.substring(1), token + "A",
        token.substring(0, 45) + "*", "B" + token.substring(1)}) {
      assertThat(tokens.check(bad, Purpose.CONFIRM, NOW)).as("%s", bad)
          .isInstanceOf(Rejected.class)
          .isNotEqualTo(new Rejected(Reason.EXPIRED));
    }
    assertThat(tokens.check(token.substring(1), Purpose.CONFIRM, NOW))
        .isEqualTo(new Rejected(Reason.MALFORMED));
    assertThat(Reason.EXPIRED.message()).contains("expired");
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new LinkTokens(new byte[16]))
        .hasMessageContaining("32").hasMessageContaining("16");
  }

  @Test
  void aResetTokenWorksForAnHourWhileThePasswordHashStays() {
    String hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    String token = tokens.issueBound(Purpose.PASSWORD_RESET, 42, hash, NOW);
    assertThat(token).hasSize(56).matches("[A-Za-z0-9_-]+").doesNotContain("argon");
    assertThat(tokens.checkBound(token, Purpose.PASSWORD_RESET, id -> id == 42 ? hash : null,
        NOW.plus(Duration.ofMinutes(59)))).isEqualTo(new Valid(42, NOW.plusSeconds(3600)));
    assertThat(tokens.checkBound(token, Purpose.PASSWORD_RESET, id -> hash,
        NOW.plus(Duration.ofHours(1)))).isEqualTo(new Rejected(Reason.EXPIRED));
    // the password changed (by this link or otherwise), or the account is gone: used up
    assertThat(tokens.checkBound(token, Purpose.PASSWORD_RESET, id -> hash + "x", NOW))
        .isEqualTo(new Rejected(Reason.SUPERSEDED));
    assertThat(tokens.checkBound(token, Purpose.PASSWORD_RESET, id -> null, NOW))
        .isEqualTo(new Rejected(Reason.SUPERSEDED));
    // another site's secret, or a changed character, is caught before the binding is asked
    assertThat(new LinkTokens(secret(8)).checkBound(token, Purpose.PASSWORD_RESET, id -> {
      throw new AssertionError("asked for the binding of an unverified token");
    }, NOW)).isEqualTo(new Rejected(Reason.TAMPERED));
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[2] ^= 1; // the account id
    assertThat(tokens.checkBound(Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
        Purpose.PASSWORD_RESET, id -> hash, NOW)).isEqualTo(new Rejected(Reason.TAMPERED));
    assertThat(tokens.checkBound(token.substring(1), Purpose.PASSWORD_RESET, id -> hash, NOW))
        .isEqualTo(new Rejected(Reason.MALFORMED));
  }

  @Test
  void resetAndSubscriptionTokensNeverServeEachOther() {
    String reset = tokens.issueBound(Purpose.PASSWORD_RESET, 42, "hash", NOW);
    assertThat(tokens.check(reset, Purpose.CONFIRM, NOW))
        .isEqualTo(new Rejected(Reason.WRONG_PURPOSE));
    assertThat(tokens.check(reset, Purpose.UNSUBSCRIBE, NOW))
        .isEqualTo(new Rejected(Reason.WRONG_PURPOSE));
    for (Purpose p : new Purpose[] {Purpose.CONFIRM, Purpose.UNSUBSCRIBE}) {
      assertThat(tokens.checkBound(tokens.issue(p, 42, NOW), Purpose.PASSWORD_RESET,
          id -> "hash", NOW)).isEqualTo(new Rejected(Reason.WRONG_PURPOSE));
    }
    assertThatThrownBy(() -> tokens.issue(Purpose.PASSWORD_RESET, 42, NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.check(reset, Purpose.PASSWORD_RESET, NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.issueBound(Purpose.CONFIRM, 42, "hash", NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] secret(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return b;
  }
}
