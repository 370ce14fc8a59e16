package org.papersift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadConnectionsTest {
  @TempDir Path dir;

  @Test
  void readsRunSideBySideOnConnectionsOfTheirOwn() throws Exception {
    ReadConnections readers = new ReadConnections(Database.open(dir.resolve("papersift.db")));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(
        new IdentityHashMap<>()));
    Thread slow = Thread.ofPlatform().start(() -> {
      try {
        readers.read(c -> {
          used.add(c);
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    // the slow read holds one connection; this one does not wait for it
    assertThat(readers.<Integer>read(c -> {
      used.add(c);
      try (var rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
        rs.next();
        return rs.getInt(1);
      }
    })).isEqualTo(42);
    release.countDown();
    slow.join();
    assertThat(used).hasSize(2);

    readers.close();
    assertThatThrownBy(() -> readers.read(c -> null)).isInstanceOf(SQLException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void opensNoMoreThanItsSize() throws Exception {
    ReadConnections readers = new ReadConnections(Database.open(dir.resolve("papersift.db")));
    Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(
        new IdentityHashMap<>()));
    Thread[] threads = new Thread[ReadConnections.SIZE * 4];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = Thread.ofPlatform().start(() -> {
        for (int j = 0; j < 50; j++) {
          try {
            readers.read(used::add);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      });
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(used).hasSizeBetween(1, ReadConnections.SIZE);
    readers.close();
    assertThat(used).allMatch(c -> {
      try {
        return c.isClosed();
      } catch (SQLException e) {
        return false;
      }
    });
  }
}
