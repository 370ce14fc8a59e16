package org.papersift.app;

import java.nio.file.Path;

/**
 * The data directory, and the one place that knows every path under it. Nothing else builds a
 * path into it.
 */
public record DataDir(Path root) {
  public static final String ENV = "PAPERSIFT_DATA";

  public DataDir {
    root = root.toAbsolutePath().normalize();
  }

  /** --data if given, else $PAPERSIFT_DATA, else ./data. */
  public static DataDir resolve(Path flag) {
    if (flag != null) {
      return new DataDir(flag);
    }
    String env = System.getenv(ENV);
    return new DataDir(Path.of(env != null && !env.isBlank() ? env : "data"));
  }

  /** The SQLite store: the source of truth. */
  public Path database() {
    return root.resolve("papersift.db");
  }

  /** The Lucene index: derived from the store, safe to delete (it is rebuilt). */
  public Path index() {
    return root.resolve("index");
  }

  /**
   * The web site's signing key (random bytes, readable by the owner only). Deleting it makes a
   * new one on the next start, which signs every reader out and voids every signed link.
   */
  public Path secretKey() {
    return root.resolve("secret.key");
  }
}
