package org.papersift.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.papersift.core.account.Credentials;
import org.papersift.core.account.LibraryEntry;
import org.papersift.core.account.User;
import org.papersift.core.account.UserStore;
import org.papersift.core.account.Vote;

/** A UserStore in memory for web tests; the SQLite one is tested in the store module. */
final class MemoryUserStore implements UserStore {
  private final Map<String, Credentials> byEmail = new HashMap<>();
  private final Map<String, Long> sessions = new HashMap<>();
  private final Map<String, Instant> sessionExpiry = new HashMap<>();
  private final List<Vote> votes = new ArrayList<>();
  private final Map<Long, List<LibraryEntry>> libraries = new HashMap<>();
  private long nextId = 1;

  @Override
  public synchronized Optional<Credentials> credentials(String email) {
    return Optional.ofNullable(byEmail.get(email.toLowerCase(Locale.ROOT)));
  }

  @Override
  public synchronized Optional<User> createUser(String email, String passwordHash, Instant now) {
    String key = email.toLowerCase(Locale.ROOT);
    if (byEmail.containsKey(key)) {
      return Optional.empty();
    }
    User u = new User(nextId++, email, now);
    byEmail.put(key, new Credentials(u, passwordHash));
    return Optional.of(u);
  }

  @Override
  public synchronized Optional<User> user(long userId) {
    return byEmail.values().stream().map(Credentials::user).filter(u -> u.id() == userId)
        .findFirst();
  }

  @Override
  public synchronized Optional<Credentials> credentialsOf(long userId) {
    return byEmail.values().stream().filter(c -> c.user().id() == userId).findFirst();
  }

  @Override
  public synchronized boolean resetPassword(long userId, String expectedHash, String newHash) {
    Optional<Credentials> c = credentialsOf(userId);
    if (c.isEmpty() || !c.get().passwordHash().equals(expectedHash)) {
      return false;
    }
    setPasswordHash(userId, newHash);
    sessions.values().removeIf(id -> id == userId);
    return true;
  }

  @Override
  public synchronized void setPasswordHash(long userId, String passwordHash) {
    byEmail.replaceAll((k, c) -> c.user().id() == userId ? new Credentials(c.user(), passwordHash) : c);
  }

  @Override
  public synchronized void createSession(String tokenHash, long userId, Instant now,
      Instant expiresAt) {
    sessions.put(tokenHash, userId);
    sessionExpiry.put(tokenHash, expiresAt);
  }

  @Override
  public synchronized Optional<User> sessionUser(String tokenHash, Instant now) {
    Long id = sessions.get(tokenHash);
    if (id == null || !now.isBefore(sessionExpiry.get(tokenHash))) {
      return Optional.empty();
    }
    return user(id);
  }

  @Override
  public synchronized void deleteSession(String tokenHash) {
    sessions.remove(tokenHash);
    sessionExpiry.remove(tokenHash);
  }

  @Override
  public synchronized void deleteSessionsOf(long userId, String keepTokenHash) {
    sessions.entrySet().removeIf(e -> e.getValue() == userId && !e.getKey().equals(keepTokenHash));
  }

  @Override
  public synchronized boolean vote(long userId, String paperId, Instant now) {
    if (votes.stream().anyMatch(v -> v.userId() == userId && v.paperId().equals(paperId))) {
      return false;
    }
    return votes.add(new Vote(userId, paperId, now));
  }

  @Override
  public synchronized boolean unvote(long userId, String paperId) {
    return votes.removeIf(v -> v.userId() == userId && v.paperId().equals(paperId));
  }

  @Override
  public synchronized Set<String> votedAmong(long userId, Collection<String> paperIds) {
    Set<String> out = new HashSet<>();
    for (Vote v : votes) {
      if (v.userId() == userId && paperIds.contains(v.paperId())) {
        out.add(v.paperId());
      }
    }
    return out;
  }

  @Override
  public synchronized Map<String, Integer> upvotes(Collection<String> paperIds) {
    Map<String, Integer> out = new HashMap<>();
    for (Vote v : votes) {
      if (paperIds.contains(v.paperId())) {
        out.merge(v.paperId(), 1, Integer::sum);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Vote> votesSince(Instant since) {
    return votes.stream().filter(v -> !v.at().isBefore(since)).toList();
  }

  @Override
  public synchronized List<Vote> votesOf(long userId) {
    return votes.stream().filter(v -> v.userId() == userId)
        .sorted(Comparator.comparing(Vote::at).thenComparing(Vote::paperId).reversed()).toList();
  }

  @Override
  public synchronized void save(long userId, String paperId, String note, Instant now) {
    List<LibraryEntry> lib = libraries.computeIfAbsent(userId, k -> new ArrayList<>());
    Optional<LibraryEntry> old = lib.stream().filter(e -> e.paperId().equals(paperId)).findFirst();
    lib.removeIf(e -> e.paperId().equals(paperId));
    lib.add(new LibraryEntry(paperId, note == null ? "" : note,
        old.map(LibraryEntry::savedAt).orElse(now)));
  }

  @Override
  public synchronized boolean unsave(long userId, String paperId) {
    return libraries.getOrDefault(userId, new ArrayList<>()).removeIf(e -> e.paperId().equals(paperId));
  }

  @Override
  public synchronized List<LibraryEntry> library(long userId, int offset, int limit) {
    return libraries.getOrDefault(userId, List.of()).stream()
        .sorted(Comparator.comparing(LibraryEntry::savedAt).reversed())
        .skip(offset).limit(limit).toList();
  }

  @Override
  public synchronized int librarySize(long userId) {
    return libraries.getOrDefault(userId, List.of()).size();
  }

  @Override
  public synchronized Set<String> savedAmong(long userId, Collection<String> paperIds) {
    Set<String> out = new HashSet<>();
    for (LibraryEntry e : libraries.getOrDefault(userId, List.of())) {
      if (paperIds.contains(e.paperId())) {
        out.add(e.paperId());
      }
    }
    return out;
  }
}
