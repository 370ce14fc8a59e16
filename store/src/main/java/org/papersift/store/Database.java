package org.papersift.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The SQLite database file: migrates the schema on open and hands out connections configured for
 * one writer and concurrent readers (WAL). Thread-safe; the connections it returns are not, and
 * belong to whoever asked for them.
 */
public final class Database {
  private final String url;
  private final Path file;

  private Database(Path file) {
    this.file = file;
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  public static Database open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the directory for " + file, e);
    }
    Database db = new Database(file);
    db.migrate();
    return db;
  }

  public Path file() {
    return file;
  }

  private void migrate() {
    // WAL mode is a property of the file: set it (connect() does) before Flyway takes its lock,
    // or a concurrent reader can block the migration.
    try {
      connect().close();
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + file, e);
    }
    try {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(url, null, null)
          .locations("classpath:db/migration")
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot migrate database " + file, e);
    }
  }

  /** A new connection; the caller closes it. */
  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      // NORMAL in WAL mode: a power cut may lose the last commits, never corrupts the file.
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=30000");
      s.execute("PRAGMA foreign_keys=ON");
    }
    return c;
  }
}
