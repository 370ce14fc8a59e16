package org.papersift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.papersift.core.account.Credentials;
import org.papersift.core.account.LibraryEntry;
import org.papersift.core.account.User;
import org.papersift.core.account.UserStore;
import org.papersift.core.account.Vote;

/**
 * Readers, sessions, votes and libraries in the SQLite store (tables of V3__accounts.sql).
 *
 * <p>Owns one connection for writes and a few for reads, as {@link PaperStore} does.
 * Thread-safe: the write connection is used under a lock, each read connection by one thread at
 * a time. Every write is one BEGIN IMMEDIATE
 * transaction, so writers in other processes are serialized by SQLite's write lock too; a vote or
 * save that is already there is left alone by the database's own conflict handling (primary key,
 * ON CONFLICT), never by a read-then-write that two writers could both pass.
 */
public final class SqliteUserStore implements UserStore, AutoCloseable {
  /** Ids per IN (...) list; SQLite allows far more variables, this keeps statements short. */
  private static final int IN_CHUNK = 500;

  private final Connection writer;
  private final ReadConnections readers;
  private final Object writeLock = new Object();
  private boolean closed;

  public SqliteUserStore(Database db) {
    try {
      this.writer = db.connect();
    } catch (SQLException e) {
      throw new StoreException("cannot open " + db.file(), e);
    }
    this.readers = new ReadConnections(db);
  }

  /** The form of an email that is unique: sign-up and sign-in ignore case. */
  static String emailKey(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<Credentials> credentials(String email) {
    Objects.requireNonNull(email, "email");
    return read("cannot read the user " + email, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, email, created_at, password_hash FROM users WHERE email_key = ?")) {
        st.setString(1, emailKey(email));
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(new Credentials(user(rs), rs.getString(4)))
              : Optional.<Credentials>empty();
        }
      }
    });
  }

  @Override
  public Optional<User> createUser(String email, String passwordHash, Instant now) {
    Objects.requireNonNull(passwordHash, "passwordHash");
    String typed = Objects.requireNonNull(email, "email").strip();
    if (typed.isEmpty()) {
      throw new IllegalArgumentException("the email is empty");
    }
    return write("cannot create the user " + typed, () -> {
      try (PreparedStatement st = writer.prepareStatement(
          "INSERT INTO users (email, email_key, password_hash, created_at) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (email_key) DO NOTHING")) {
        st.setString(1, typed);
        st.setString(2, emailKey(typed));
        st.setString(3, passwordHash);
        st.setString(4, Timestamps.text(now));
        if (st.executeUpdate() == 0) {
          return Optional.<User>empty();
        }
      }
      try (Statement st = writer.createStatement();
           ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
        rs.next();
        return Optional.of(new User(rs.getLong(1), typed, now));
      }
    });
  }

  @Override
  public Optional<User> user(long userId) {
    return read("cannot read user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, email, created_at FROM users WHERE id = ?")) {
        st.setLong(1, userId);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
        }
      }
    });
  }

  /**
   * Grants or takes back admin rights (the admin pages) of the account with this email (any
   * case). Not part of {@link UserStore}: only the command line, run by whoever runs the server,
   * changes them.
   *
   * @return false when there is no such account
   */
  public boolean setAdmin(String email, boolean admin) {
    Objects.requireNonNull(email, "email");
    return update("cannot change the admin rights of " + email,
        "UPDATE users SET admin = ? WHERE email_key = ?", admin ? 1 : 0, emailKey(email)) == 1;
  }

  public boolean isAdmin(long userId) {
    return read("cannot read user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT admin FROM users WHERE id = ?")) {
        st.setLong(1, userId);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() && rs.getInt(1) == 1;
        }
      }
    });
  }

  /** The accounts with admin rights, by id. */
  public List<User> admins() {
    return read("cannot read the admins", c -> {
      List<User> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, email, created_at FROM users WHERE admin = 1 ORDER BY id");
           ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(user(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Optional<Credentials> credentialsOf(long userId) {
    return read("cannot read user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT id, email, created_at, password_hash FROM users WHERE id = ?")) {
        st.setLong(1, userId);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(new Credentials(user(rs), rs.getString(4)))
              : Optional.<Credentials>empty();
        }
      }
    });
  }

  @Override
  public boolean resetPassword(long userId, String expectedHash, String newHash) {
    Objects.requireNonNull(expectedHash, "expectedHash");
    Objects.requireNonNull(newHash, "newHash");
    return write("cannot reset the password of user " + userId, () -> {
      try (PreparedStatement st = writer.prepareStatement(
          "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?")) {
        st.setString(1, newHash);
        st.setLong(2, userId);
        st.setString(3, expectedHash);
        if (st.executeUpdate() != 1) {
          return false;
        }
      }
      try (PreparedStatement st = writer.prepareStatement(
          "DELETE FROM sessions WHERE user_id = ?")) {
        st.setLong(1, userId);
        st.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public void setPasswordHash(long userId, String passwordHash) {
    Objects.requireNonNull(passwordHash, "passwordHash");
    update("cannot change the password of user " + userId,
        "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
  }

  @Override
  public void createSession(String tokenHash, long userId, Instant now, Instant expiresAt) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    write("cannot create a session for user " + userId, () -> {
      // Expired sessions are useless; dropping them whenever someone signs in keeps the table
      // at about the number of live sessions without a cleanup job.
      try (PreparedStatement st = writer.prepareStatement(
          "DELETE FROM sessions WHERE expires_at <= ?")) {
        st.setString(1, Timestamps.text(now));
        st.executeUpdate();
      }
      try (PreparedStatement st = writer.prepareStatement(
          "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
        st.setString(1, tokenHash);
        st.setLong(2, userId);
        st.setString(3, Timestamps.text(now));
        st.setString(4, Timestamps.text(expiresAt));
        st.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<User> sessionUser(String tokenHash, Instant now) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    return read("cannot read a session", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT u.id, u.email, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id"
              + " WHERE s.token_hash = ? AND s.expires_at > ?")) {
        st.setString(1, tokenHash);
        st.setString(2, Timestamps.text(now));
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
        }
      }
    });
  }

  @Override
  public void deleteSession(String tokenHash) {
    update("cannot delete a session", "DELETE FROM sessions WHERE token_hash = ?", tokenHash);
  }

  @Override
  public void deleteSessionsOf(long userId, String keepTokenHash) {
    // IS NOT, not <>: with no session to keep (null), "<> NULL" would match nothing.
    update("cannot delete the sessions of user " + userId,
        "DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?", userId, keepTokenHash);
  }

  @Override
  public boolean vote(long userId, String paperId, Instant now) {
    Objects.requireNonNull(paperId, "paperId");
    return update("cannot store the vote of user " + userId + " for " + paperId,
        "INSERT INTO votes (user_id, paper_id, voted_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (user_id, paper_id) DO NOTHING",
        userId, paperId, Timestamps.text(now)) == 1;
  }

  @Override
  public boolean unvote(long userId, String paperId) {
    return update("cannot take back the vote of user " + userId + " for " + paperId,
        "DELETE FROM votes WHERE user_id = ? AND paper_id = ?", userId, paperId) == 1;
  }

  @Override
  public Set<String> votedAmong(long userId, Collection<String> paperIds) {
    return idsAmong("votes", userId, paperIds);
  }

  @Override
  public Map<String, Integer> upvotes(Collection<String> paperIds) {
    Map<String, Integer> out = new HashMap<>();
    List<String> ids = List.copyOf(new LinkedHashSet<>(paperIds));
    return read("cannot count votes", c -> {
      for (int i = 0; i < ids.size(); i += IN_CHUNK) {
        List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
        try (PreparedStatement st = c.prepareStatement("SELECT paper_id, count(*) FROM votes"
            + " WHERE paper_id IN (" + marks(chunk.size()) + ") GROUP BY paper_id")) {
          for (int j = 0; j < chunk.size(); j++) {
            st.setString(j + 1, chunk.get(j));
          }
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getInt(2));
            }
          }
        }
      }
      return out;
    });
  }

  @Override
  public List<Vote> votesSince(Instant since) {
    return read("cannot read votes since " + since, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT user_id, paper_id, voted_at FROM votes WHERE voted_at >= ?")) {
        st.setString(1, Timestamps.text(since));
        List<Vote> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new Vote(rs.getLong(1), rs.getString(2), Timestamps.instant(rs.getString(3))));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<Vote> votesOf(long userId) {
    return read("cannot read the votes of user " + userId, c -> {
      // The primary key (user_id, paper_id) finds the user's rows; the sort is over those only.
      try (PreparedStatement st = c.prepareStatement("SELECT paper_id, voted_at FROM votes"
          + " WHERE user_id = ? ORDER BY voted_at DESC, paper_id DESC")) {
        st.setLong(1, userId);
        List<Vote> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new Vote(userId, rs.getString(1), Timestamps.instant(rs.getString(2))));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void save(long userId, String paperId, String note, Instant now) {
    Objects.requireNonNull(paperId, "paperId");
    // Saving again replaces the note and keeps the place in the library (saved_at).
    update("cannot save " + paperId + " for user " + userId,
        "INSERT INTO library_items (user_id, paper_id, note, saved_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (user_id, paper_id) DO UPDATE SET note = excluded.note",
        userId, paperId, note == null ? "" : note, Timestamps.text(now));
  }

  @Override
  public boolean unsave(long userId, String paperId) {
    return update("cannot remove " + paperId + " from the library of user " + userId,
        "DELETE FROM library_items WHERE user_id = ? AND paper_id = ?", userId, paperId) == 1;
  }

  @Override
  public List<LibraryEntry> library(long userId, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative, got " + offset
          + " and " + limit);
    }
    return read("cannot read the library of user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT paper_id, note, saved_at FROM library_items WHERE user_id = ?"
              + " ORDER BY saved_at DESC, paper_id DESC LIMIT ? OFFSET ?")) {
        st.setLong(1, userId);
        st.setInt(2, limit);
        st.setInt(3, offset);
        List<LibraryEntry> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new LibraryEntry(rs.getString(1), rs.getString(2),
                Timestamps.instant(rs.getString(3))));
          }
        }
        return out;
      }
    });
  }

  @Override
  public int librarySize(long userId) {
    return read("cannot count the library of user " + userId, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT count(*) FROM library_items WHERE user_id = ?")) {
        st.setLong(1, userId);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  @Override
  public Set<String> savedAmong(long userId, Collection<String> paperIds) {
    return idsAmong("library_items", userId, paperIds);
  }

  /** Of {@code paperIds}, those with a row of {@code userId} in {@code table}. */
  private Set<String> idsAmong(String table, long userId, Collection<String> paperIds) {
    Set<String> out = new HashSet<>();
    List<String> ids = List.copyOf(new LinkedHashSet<>(paperIds));
    return read("cannot read " + table + " of user " + userId, c -> {
      for (int i = 0; i < ids.size(); i += IN_CHUNK) {
        List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
        try (PreparedStatement st = c.prepareStatement("SELECT paper_id FROM " + table
            + " WHERE user_id = ? AND paper_id IN (" + marks(chunk.size()) + ")")) {
          st.setLong(1, userId);
          for (int j = 0; j < chunk.size(); j++) {
            st.setString(j + 2, chunk.get(j));
          }
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
        }
      }
      return out;
    });
  }

  private static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getLong(1), rs.getString(2), Timestamps.instant(rs.getString(3)));
  }

  private <T> T read(String failure, ReadConnections.ReadWork<T> work) {
    try {
      return readers.read(work);
    } catch (SQLException e) {
      throw new StoreException(failure, e);
    }
  }

  private <T> T write(String failure, Transactions.SqlWork<T> work) {
    synchronized (writeLock) {
      try {
        return Transactions.immediate(writer, work);
      } catch (SQLException e) {
        throw new StoreException(failure, e);
      }
    }
  }

  /** One statement in its own write transaction; returns the number of rows it changed. */
  private int update(String failure, String sql, Object... args) {
    return write(failure, () -> {
      try (PreparedStatement st = writer.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          st.setObject(i + 1, args[i]);
        }
        return st.executeUpdate();
      }
    });
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        try {
          writer.close();
        } finally {
          readers.close();
        }
      } catch (SQLException e) {
        throw new StoreException("cannot close the database", e);
      }
    }
  }
}
