package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.app.DataDir;

class SigningSecretTest {
  @TempDir Path dir;

  @Test
  void madeOnceOwnerOnlyThenReused() throws Exception {
    Path file = new DataDir(dir.resolve("data")).secretKey();
    byte[] first = SigningSecret.loadOrCreate(file);
    assertThat(first).hasSize(32);
    assertThat(first).isNotEqualTo(new byte[32]);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(SigningSecret.loadOrCreate(file)).isEqualTo(first);
    // no temporary file left beside it
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.key");
    }
  }

  @Test
  void everyDataDirectoryHasItsOwnKey() {
    byte[] a = SigningSecret.loadOrCreate(new DataDir(dir.resolve("a")).secretKey());
    byte[] b = SigningSecret.loadOrCreate(new DataDir(dir.resolve("b")).secretKey());
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void aTruncatedKeyStopsStartUpWithAWayOut() throws Exception {
    Path file = dir.resolve("secret.key");
    Files.write(file, new byte[5]);
    assertThatThrownBy(() -> SigningSecret.loadOrCreate(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds 5 bytes").hasMessageContaining("delete it");
  }
}
