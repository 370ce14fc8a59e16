package org.papersift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;
import org.papersift.app.Papersift;
import org.papersift.core.account.User;

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
}
