package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.app.digest.DigestSettings;
import org.papersift.app.site.SitePasswordResets;
import org.papersift.core.account.User;
import org.papersift.web.PasswordResets;

class AdminCommandTest {
  static {
    CliRun.quietLucene();
  }

  @TempDir Path data;

  @Test
  void grantListRevokeOnlyForExistingAccounts() {
    CliRun none = CliRun.in(data, "admin", "grant", "boss@example.org");
    assertThat(none.exit()).isEqualTo(Main.EXIT_FAILED);
    assertThat(none.err()).contains("no account has the address boss@example.org")
        .contains("sign up on the site with it first");
    none.noStackTrace();

    User boss;
    try (Papersift app = Papersift.open(new DataDir(data))) {
      boss = app.users().createUser("Boss@Example.org", "hash", Instant.now()).orElseThrow();
      assertThat(app.users().isAdmin(boss.id())).isFalse();
    }
    assertThat(CliRun.in(data, "admin", "list").out()).contains("no admins");

    CliRun grant = CliRun.in(data, "admin", "grant", "boss@EXAMPLE.org");
    assertThat(grant.exit()).as(grant.toString()).isZero();
    assertThat(grant.out()).contains("boss@EXAMPLE.org is an admin");
    assertThat(CliRun.in(data, "admin", "list").out()).contains("Boss@Example.org");
    try (Papersift app = Papersift.open(new DataDir(data))) {
      assertThat(app.users().isAdmin(boss.id())).isTrue();
    }

    CliRun revoke = CliRun.in(data, "admin", "revoke", "boss@example.org");
    assertThat(revoke.exit()).isZero();
    assertThat(revoke.out()).contains("is no longer an admin");
    try (Papersift app = Papersift.open(new DataDir(data))) {
      assertThat(app.users().isAdmin(boss.id())).isFalse();
    }
    assertThat(CliRun.in(data, "admin").exit()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void resetLinkPrintsAWorkingLinkForAnAccountAndFailsForAnUnknownAddress() throws Exception {
    CliRun unknown = CliRun.in(data, "admin", "reset-link", "nobody@example.org");
    assertThat(unknown.exit()).isEqualTo(Main.EXIT_FAILED);
    assertThat(unknown.err()).contains("no account has the address nobody@example.org");
    assertThat(unknown.out()).isEmpty();
    unknown.noStackTrace();

    User reader;
    try (Papersift app = Papersift.open(new DataDir(data))) {
      reader = app.users().createUser("Reader@Example.org", "hash", Instant.now()).orElseThrow();
    }
    CliRun link = CliRun.in(data, "admin", "reset-link", "--site-url",
        "https://papers.example.org", "reader@EXAMPLE.org");
    assertThat(link.exit()).as(link.toString()).isZero();
    Matcher m = Pattern.compile("^https://papers\\.example\\.org/account/reset\\?token="
        + "([A-Za-z0-9_-]{56})$").matcher(link.out().strip());
    assertThat(m.matches()).as(link.out()).isTrue();
    assertThat(link.err()).contains("the link works until").contains(", once");
    // an hour ago: expired already
    CliRun old = CliRun.in(data, "admin", "reset-link", "--at",
        Instant.now().minus(Duration.ofMinutes(61)).toString(), "reader@example.org");
    assertThat(old.err()).contains("it points to http://127.0.0.1:8080/");
    Matcher o = Pattern.compile("token=([A-Za-z0-9_-]{56})").matcher(old.out());
    assertThat(o.find()).isTrue();

    try (Papersift app = Papersift.open(new DataDir(data));
         SitePasswordResets resets = SitePasswordResets.open(app, DigestSettings.fromEnvironment(
             Map.of(), null, "http://127.0.0.1:8080/"), Clock.systemUTC())) {
      PasswordResets.LinkCheck works = resets.check(m.group(1));
      assertThat(works.ok()).as(works.problem()).isTrue();
      assertThat(works.user()).isEqualTo(reader);
      assertThat(resets.check(o.group(1)).problem()).contains("expired");
    }
  }
}
