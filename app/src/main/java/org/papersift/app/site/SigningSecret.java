package org.papersift.app.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The site's signing key, kept in a file so sessions and signed links survive a restart. Made on
 * first use from {@link SecureRandom}, readable and writable by the owner only; never printed.
 */
public final class SigningSecret {
  /** Bytes of a new key: HMAC-SHA256 gains nothing from a longer one. */
  public static final int BYTES = 32;

  private SigningSecret() {}

  /** The key in {@code file}, made there first if the file does not exist. */
  public static byte[] loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length < BYTES) {
        throw new IllegalStateException(file + " holds " + key.length + " bytes, a signing key"
            + " needs at least " + BYTES + "; delete it and a new one is made at the next start"
            + " (which signs every reader out)");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the signing key " + file, e);
    }
  }

  /**
   * Writes a new key to a private temporary file, then links it in place: the key appears whole
   * or not at all, and when two processes start at once the second finds the first one's key
   * instead of replacing it under it.
   */
  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    byte[] key = new byte[BYTES];
    new SecureRandom().nextBytes(key);
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    Path tmp = posix
        ? Files.createTempFile(dir, ".secret", ".tmp",
            PosixFilePermissions.asFileAttribute(ownerOnly))
        : Files.createTempFile(dir, ".secret", ".tmp");
    try {
      Files.write(tmp, key);
      try {
        try {
          Files.createLink(file, tmp);
        } catch (UnsupportedOperationException noHardLinks) {
          Files.move(tmp, file); // not atomic with the check, but never replaces a key
        }
      } catch (FileAlreadyExistsException someoneElseWasFirst) {
        // theirs is as good as ours
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
