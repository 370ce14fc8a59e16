package org.papersift.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Write transactions as every store in this package runs them. */
final class Transactions {
  private Transactions() {}

  /** Work done on a connection inside a transaction. */
  interface SqlWork<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} holding SQLite's write lock from the start (BEGIN IMMEDIATE): a deferred
   * transaction that reads first and writes later can fail with SQLITE_BUSY when another writer
   * comes between, while this one waits for the lock (busy timeout) and then cannot be refused.
   * Rolls back when {@code work} throws. The caller keeps the connection to itself meanwhile.
   */
  static <T> T immediate(Connection c, SqlWork<T> work) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
    }
    boolean done = false;
    try {
      T result = work.run();
      try (Statement st = c.createStatement()) {
        st.execute("COMMIT");
      }
      done = true;
      return result;
    } finally {
      if (!done) {
        try (Statement st = c.createStatement()) {
          st.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // the original failure is the one worth reporting
        }
      }
    }
  }
}
