package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecurityPasswordHasherTest {
  private static final PasswordHasher HASHER = new PasswordHasher();

  @Test
  void roundTrip() {
    String h = HASHER.hash("correct horse battery staple");
    assertThat(HASHER.verify("correct horse battery staple", h)).isTrue();
    assertThat(HASHER.verify("correct horse battery stapl", h)).isFalse();
    assertThat(HASHER.verify("Correct horse battery staple", h)).isFalse();
  }

  @Test
  void phcFormatWithTheOwaspParametersAndRandomSalt() {
    String a = HASHER.hash("same password");
    String b = HASHER.hash("same password");
    assertThat(a).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$"
        + "[A-Za-z0-9+/]{43}");
    assertThat(a).isNotEqualTo(b);
    String[] parts = a.split("\\$");
    assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
    assertThat(HASHER.needsRehash(a)).isFalse();
  }

  @Test
  void verifiesTheReferenceImplementationsVector() {
    // Argon2 reference implementation test vector: "password", salt "somesalt", m=64 MiB, t=2.
    String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ"
        + "$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertThat(HASHER.verify("password", reference)).isTrue();
    assertThat(HASHER.verify("passwore", reference)).isFalse();
    assertThat(HASHER.needsRehash(reference)).as("other parameters than the current ones")
        .isTrue();
  }

  @Test
  void hashesMadeWithOtherParametersStillVerify() {
    PasswordHasher cheap = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), 2);
    String old = cheap.hash("an older password");
    assertThat(old).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(HASHER.verify("an older password", old)).isTrue();
    assertThat(HASHER.needsRehash(old)).isTrue();
  }

  @Test
  void unicodeIsNormalized() {
    String composed = "caf\u00e9-p\u00e2ssword";
    String decomposed = "cafe\u0301-pa\u0302ssword";
    assertThat(HASHER.verify(decomposed, HASHER.hash(composed))).isTrue();
  }

  @Test
  void refusesAbsurdPasswordsAndMalformedHashes() {
    assertThatThrownBy(() -> HASHER.hash("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HASHER.hash("x".repeat(1025)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HASHER.hash("x".repeat(1024))).startsWith("$argon2id$");
    assertThat(PasswordHasher.acceptableLength("\uD83D\uDE00".repeat(8))).as("8 emoji").isTrue();
    assertThat(PasswordHasher.acceptableLength("1234567")).isFalse();
    assertThat(PasswordHasher.acceptableLength(null)).isFalse();

    String good = HASHER.hash("a good password");
    assertThat(HASHER.verify("a good password", null)).isFalse();
    assertThat(HASHER.verify("a good password", "")).isFalse();
    assertThat(HASHER.verify("a good password", good.replace("argon2id", "argon2i"))).isFalse();
    assertThat(HASHER.verify("a good password", good.replace("m=19456", "m=99999999")))
        .as("absurd memory").isFalse();
    assertThat(HASHER.verify("a good password", good.replace("t=2", "t=0"))).isFalse();
    assertThat(HASHER.verify("a good password", good.substring(0, good.length() - 30)))
        .isFalse();
    assertThat(HASHER.verify("x".repeat(2000), good)).isFalse();
    assertThat(HASHER.verifyDummy("a good password")).isFalse();
  }

  @Test
  void timePerHash() {
    HASHER.hash("warm up the JIT a bit");
    int n = 5;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      HASHER.hash("time this password " + i);
    }
    long millis = (System.nanoTime() - start) / n / 1_000_000;
    System.out.println("Argon2id m=19456 KiB, t=2, p=1: " + millis + " ms per hash");
    // Loose bound: slow enough to hurt guessing, fast enough for a sign-in on a small server.
    assertThat(millis).isBetween(5L, 2_000L);
  }
}
