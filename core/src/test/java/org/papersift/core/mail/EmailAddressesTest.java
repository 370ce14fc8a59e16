package org.papersift.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {
  @ParameterizedTest
  @ValueSource(strings = {"ada@example.org", "Ada.Lovelace+papers@mail.example.co.uk",
      "o'brien@example.ie", "x@a.io", "用户@例子.广告", "jörg@bücher.de", "δοκιμή@παράδειγμα.δοκιμή",
      "user@xn--bcher-kva.example"})
  void accepted(String email) {
    assertThat(EmailAddresses.problem(EmailAddresses.normalize(email))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ada", "ada@", "@example.org", "ada@example", "ada@@example.org",
      "ada@example..org", ".ada@example.org", "ada.@example.org", "a..da@example.org",
      "ada lovelace@example.org", "ada@exa mple.org", "<ada>@example.org", "ada@-example.org",
      "ada@example.org.", "ada@1.2.3.4", "ada@[127.0.0.1]", "\"ada\"@example.org",
      "ada\u0000@example.org", "ada\u202e@example.org", "ada@exam_ple.org"})
  void refused(String email) {
    assertThat(EmailAddresses.problem(EmailAddresses.normalize(email))).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void lengthLimits() {
    String local64 = "a".repeat(64);
    String domain = "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".org";
    assertThat(EmailAddresses.problem(local64 + "@" + domain)).isNull();
    assertThat(EmailAddresses.problem("a".repeat(65) + "@example.org")).isNotNull();
    assertThat(EmailAddresses.problem(local64 + "@" + "e".repeat(5) + "." + domain))
        .contains("254");
    assertThat(EmailAddresses.normalize("  ada@example.org \n")).isEqualTo("ada@example.org");
    String idn = "ü".repeat(55) + ".org";
    assertThat(EmailAddresses.withAsciiDomain("a@" + idn)).startsWith("a@xn--");
    // 18 different CJK characters make a 51-character ASCII label
    StringBuilder label = new StringBuilder();
    for (int i = 0; i < 18; i++) {
      label.appendCodePoint(0x4e00 + i * 97);
    }
    String longIdn = String.join(".", java.util.Collections.nCopies(4, label)) + ".org";
    String address = "a".repeat(64) + "@" + longIdn;
    assertThat(address.length()).isLessThan(200);
    assertThat(EmailAddresses.problem(address)).contains("counted as sent");
  }

  @org.junit.jupiter.api.Test
  void smtpFormConvertsTheDomainOnly() {
    assertThat(EmailAddresses.withAsciiDomain("jörg@bücher.de")).isEqualTo("jörg@xn--bcher-kva.de");
    assertThat(EmailAddresses.withAsciiDomain("Ada@Example.org")).isEqualTo("Ada@Example.org");
    assertThat(EmailAddresses.hasAsciiLocalPart("ada@bücher.de")).isTrue();
    assertThat(EmailAddresses.hasAsciiLocalPart("jörg@example.de")).isFalse();
    assertThat(EmailAddresses.domain("jörg@bücher.de")).isEqualTo("bücher.de");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EmailAddresses.withAsciiDomain("ada@example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ada@example");
  }
}
