package org.papersift.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.LinkTokens;
import org.papersift.core.mail.LinkTokens.Purpose;

class MailLinksTest {
  static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");

  @Test
  void linksCarryATokenTheSiteAccepts() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 3);
    LinkTokens tokens = new LinkTokens(secret);
    MailLinks links = new MailLinks(URI.create("https://papers.example.org/"), tokens);

    URI unsubscribe = links.unsubscribe(42, NOW);
    assertThat(unsubscribe.getScheme()).isEqualTo("https");
    assertThat(unsubscribe.getHost()).isEqualTo("papers.example.org");
    assertThat(unsubscribe.getPath()).isEqualTo("/unsubscribe");
    String token = unsubscribe.getQuery().substring("token=".length());
    assertThat(tokens.check(token, Purpose.UNSUBSCRIBE, NOW.plus(Duration.ofDays(300))))
        .isEqualTo(new LinkTokens.Valid(42, NOW.plus(Purpose.UNSUBSCRIBE.lifetime())));

    URI confirm = links.confirm(42, NOW);
    assertThat(confirm.getPath()).isEqualTo("/subscribe/confirm");
    assertThat(tokens.check(confirm.getQuery().substring(6), Purpose.UNSUBSCRIBE, NOW))
        .isEqualTo(new LinkTokens.Rejected(LinkTokens.Reason.WRONG_PURPOSE));
    // usable as the digest's unsubscribe link as is
    new DigestContent("a@example.org", "today", java.util.List.of(),
        URI.create("https://papers.example.org"), unsubscribe);
  }
}
