package org.papersift.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few read connections shared by a store's threads. SQLite in WAL mode reads on several
 * connections at once; one connection behind one lock made every page view wait for the others'
 * reads (8 concurrent searches spent a third of their time queued on it). Opened on first use;
 * each reader has a connection to itself while its work runs. Thread-safe.
 */
final class ReadConnections implements AutoCloseable {
  /** Connections per store: one per core is as many reads as can run at once. */
  static final int SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** Work on a connection held by the caller alone. */
  interface ReadWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final Database db;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(SIZE);
  private final List<Connection> all = new ArrayList<>(SIZE);
  private volatile boolean closed;

  ReadConnections(Database db) {
    this.db = db;
  }

  <T> T read(ReadWork<T> work) throws SQLException {
    Connection c = borrow();
    try {
      return work.run(c);
    } finally {
      idle.add(c);
    }
  }

  private Connection borrow() throws SQLException {
    requireOpen();
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    synchronized (all) {
      requireOpen();
      if (all.size() < SIZE) {
        c = db.connect();
        all.add(c);
        return c;
      }
    }
    try {
      while (true) {
        c = idle.poll(100, TimeUnit.MILLISECONDS);
        if (c != null) {
          return c;
        }
        requireOpen();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a database connection", e);
    }
  }

  private void requireOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the database is closed");
    }
  }

  /** Closes every connection; reads still running finish first (they hold theirs). */
  @Override
  public void close() throws SQLException {
    List<Connection> open;
    synchronized (all) {
      if (closed) {
        return;
      }
      closed = true;
      open = List.copyOf(all);
    }
    SQLException failure = null;
    for (int i = 0; i < open.size(); i++) {
      Connection c;
      try {
        c = idle.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while closing the database", e);
      }
      try {
        c.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
