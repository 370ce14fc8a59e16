package org.papersift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A store's two connections, one for writes and one for reads, each used under its own lock, as
 * {@link PaperStore} and {@link SqliteUserStore} keep theirs: reads never wait for a writer (WAL),
 * and every write is one BEGIN IMMEDIATE transaction ({@link Transactions#immediate}), so writers
 * in other processes are serialized by SQLite's write lock too. Thread-safe; close() is safe twice.
 */
final class Connections implements AutoCloseable {
  /** Work on the read connection. */
  interface ReadWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Work inside a write transaction on the write connection. */
  interface WriteWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final Connection writer;
  private final Connection reader;
  private final Object writeLock = new Object();
  private final Object readLock = new Object();
  private boolean closed;

  Connections(Database db) {
    try {
      this.writer = db.connect();
      try {
        this.reader = db.connect();
      } catch (SQLException e) {
        writer.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot open " + db.file(), e);
    }
  }

  <T> T read(String failure, ReadWork<T> work) {
    synchronized (readLock) {
      try {
        return work.run(reader);
      } catch (SQLException e) {
        throw new StoreException(failure, e);
      }
    }
  }

  <T> T write(String failure, WriteWork<T> work) {
    synchronized (writeLock) {
      try {
        return Transactions.immediate(writer, () -> work.run(writer));
      } catch (SQLException e) {
        throw new StoreException(failure, e);
      }
    }
  }

  /** One statement in its own write transaction; returns the number of rows it changed. */
  int update(String failure, String sql, Object... args) {
    return write(failure, c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        bind(st, args);
        return st.executeUpdate();
      }
    });
  }

  static void bind(PreparedStatement st, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      st.setObject(i + 1, args[i]);
    }
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      synchronized (readLock) {
        if (closed) {
          return;
        }
        closed = true;
        try {
          writer.close();
          reader.close();
        } catch (SQLException e) {
          throw new StoreException("cannot close the database", e);
        }
      }
    }
  }
}
