package org.papersift.core.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where readers, their sessions, votes and libraries are kept. Every method is atomic and safe to
 * call from many threads and processes; a vote or save that is already there changes nothing.
 * Session tokens are never stored: callers pass a hash of the token.
 */
public interface UserStore {
  /** The user with this email (any case) and their password hash. */
  Optional<Credentials> credentials(String email);

  /** Creates a user; empty when the email (any case) is taken. */
  Optional<User> createUser(String email, String passwordHash, Instant now);

  Optional<User> user(long userId);

  /** The user with this id and their password hash. */
  Optional<Credentials> credentialsOf(long userId);

  void setPasswordHash(long userId, String passwordHash);

  /**
   * A password reset: sets {@code newHash} only while the stored hash is still {@code
   * expectedHash} (the one the reset link was issued for), and in the same transaction ends every
   * session of the user. Two requests with the same link cannot both succeed.
   *
   * @return false (and nothing changed) when the hash was changed meanwhile or the user is gone
   */
  boolean resetPassword(long userId, String expectedHash, String newHash);

  void createSession(String tokenHash, long userId, Instant now, Instant expiresAt);

  /** The session's user when the session exists and has not expired at {@code now}. */
  Optional<User> sessionUser(String tokenHash, Instant now);

  void deleteSession(String tokenHash);

  /** Signs the user out everywhere but the session {@code keepTokenHash} (may be null). */
  void deleteSessionsOf(long userId, String keepTokenHash);

  /** Counts the user's vote for the paper; false when it was already counted. */
  boolean vote(long userId, String paperId, Instant now);

  /** Takes the user's vote back; false when there was none. */
  boolean unvote(long userId, String paperId);

  /** Of {@code paperIds}, the ones this user voted for. */
  Set<String> votedAmong(long userId, Collection<String> paperIds);

  /** Vote counts of the papers that have any; papers without votes are left out. */
  Map<String, Integer> upvotes(Collection<String> paperIds);

  /** Votes cast at or after {@code since}, any order. */
  List<Vote> votesSince(Instant since);

  /** Every vote of this user, newest first (ties by paper id, descending). */
  List<Vote> votesOf(long userId);

  /** Saves the paper to the library, or replaces the note when it is already there. */
  void save(long userId, String paperId, String note, Instant now);

  /** Removes the paper from the library; false when it was not there. */
  boolean unsave(long userId, String paperId);

  /** The library, most recently saved first. */
  List<LibraryEntry> library(long userId, int offset, int limit);

  int librarySize(long userId);

  /** Of {@code paperIds}, the ones in this user's library. */
  Set<String> savedAmong(long userId, Collection<String> paperIds);
}
