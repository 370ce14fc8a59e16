package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountEmailAddressTest {
  @ParameterizedTest
  @ValueSource(strings = {"ada@example.org", "Ada.Lovelace+papers@mail.example.co.uk",
      "o'brien@example.ie", "x@a.io", "用户@例子.广告", "jörg@bücher.de", "δοκιμή@παράδειγμα.δοκιμή",
      "user@xn--bcher-kva.example"})
  void accepted(String email) {
    assertThat(EmailAddress.problem(EmailAddress.normalize(email))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ada", "ada@", "@example.org", "ada@example", "ada@@example.org",
      "ada@example..org", ".ada@example.org", "ada.@example.org", "a..da@example.org",
      "ada lovelace@example.org", "ada@exa mple.org", "<ada>@example.org", "ada@-example.org",
      "ada@example.org.", "ada@1.2.3.4", "ada@[127.0.0.1]", "\"ada\"@example.org",
      "ada\u0000@example.org", "ada\u202e@example.org", "ada@exam_ple.org"})
  void refused(String email) {
    assertThat(EmailAddress.problem(EmailAddress.normalize(email))).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void lengthLimits() {
    String local64 = "a".repeat(64);
    String domain = "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".org";
    assertThat(EmailAddress.problem(local64 + "@" + domain)).isNull();
    assertThat(EmailAddress.problem("a".repeat(65) + "@example.org")).isNotNull();
    assertThat(EmailAddress.problem(local64 + "@" + "e".repeat(5) + "." + domain))
        .contains("254");
    assertThat(EmailAddress.normalize("  ada@example.org \n")).isEqualTo("ada@example.org");
  }
}
