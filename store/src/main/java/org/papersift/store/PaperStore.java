package org.papersift.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.papersift.core.paper.Change;
import org.papersift.core.paper.ChangeFeed;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;

/**
 * Papers in SQLite. Upserts merge a record onto the stored one (see {@link Paper#mergeOnto}) and
 * bump the change sequence only when something changed, so re-ingesting changes nothing.
 *
 * <p>Owns one connection for writes and a few for reads ({@link ReadConnections}), so the indexer
 * can follow the change log while an ingest writes and page views read side by side (SQLite WAL).
 * Thread-safe: the write connection is used under a lock, each read connection by one thread at
 * a time. Writers in other processes are serialized by SQLite's write lock (BEGIN IMMEDIATE), and
 * the sequence is read inside that lock, so it stays unique across processes.
 */
public final class PaperStore implements ChangeFeed, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Readers built once: readValue(json, TypeReference) resolves the type on every call.
  private static final ObjectReader STRINGS = JSON.readerFor(new TypeReference<List<String>>() {});
  private static final ObjectReader LINKS = JSON.readerFor(new TypeReference<List<Link>>() {});
  /** Ids per IN (...) list; SQLite allows far more variables, this keeps statements short. */
  private static final int IN_CHUNK = 500;
  private static final String COLUMNS = "id, version, title, abstract, authors, categories,"
      + " published, updated, comment, journal_ref, doi, license, links, change_seq";

  private final Connection writer;
  private final ReadConnections readers;
  private final Object writeLock = new Object();
  private boolean closed;

  public PaperStore(Database db) {
    try {
      this.writer = db.connect();
    } catch (SQLException e) {
      throw new StoreException("cannot open " + db.file(), e);
    }
    this.readers = new ReadConnections(db);
  }

  /**
   * Counts of one batch of upserts, and the changes it made (numbered consecutively, oldest
   * first) so a follower in the same process can index them without reading them back.
   */
  public record BatchResult(int added, int updated, int unchanged, List<Change> changes) {
    public BatchResult {
      changes = List.copyOf(changes);
    }
  }

  /**
   * Upserts the papers in one transaction. A paper repeated in the batch is applied in order, so
   * the last record wins field by field as with separate calls.
   */
  public BatchResult upsertAll(List<Paper> papers) {
    synchronized (writeLock) {
      try {
        return inTransaction(() -> upsertBatch(papers));
      } catch (SQLException e) {
        throw new StoreException("cannot store " + papers.size() + " papers", e);
      }
    }
  }

  public UpsertOutcome upsert(Paper paper) {
    BatchResult r = upsertAll(List.of(paper));
    return r.added() == 1 ? UpsertOutcome.NEW
        : r.updated() == 1 ? UpsertOutcome.UPDATED : UpsertOutcome.UNCHANGED;
  }

  private BatchResult upsertBatch(List<Paper> papers) throws SQLException {
    long seq = lastSeq(writer);
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    String now = Instant.now().toString();
    List<Change> changes = new ArrayList<>();
    try (PreparedStatement find = writer.prepareStatement(
             "SELECT " + COLUMNS + " FROM papers WHERE id = ?");
         PreparedStatement insert = writer.prepareStatement(
             "INSERT INTO papers (id, version, title, abstract, authors, categories,"
                 + " published, updated, comment, journal_ref, doi, license, links, change_seq,"
                 + " primary_category, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                 + " ON CONFLICT (id) DO NOTHING");
         PreparedStatement update = writer.prepareStatement(
             "UPDATE papers SET id = ?, version = ?, title = ?, abstract = ?, authors = ?,"
                 + " categories = ?, published = ?, updated = ?, comment = ?, journal_ref = ?,"
                 + " doi = ?, license = ?, links = ?, change_seq = ?, primary_category = ?,"
                 + " changed_at = ? WHERE id = ?")) {
      for (Paper incoming : papers) {
        // Try the insert first: on a first load nearly every paper is new, and this saves the
        // lookup; a conflict means the paper is stored and needs the merge.
        bind(insert, incoming, seq + 1, now);
        if (insert.executeUpdate() == 1) {
          changes.add(new Change(++seq, incoming));
          added++;
          continue;
        }
        find.setString(1, incoming.id());
        Paper stored;
        try (ResultSet rs = find.executeQuery()) {
          rs.next();
          stored = read(rs);
        }
        Paper merged = incoming.mergeOnto(stored);
        if (merged.equals(stored)) {
          unchanged++;
          continue;
        }
        bind(update, merged, ++seq, now);
        update.setString(17, merged.id());
        update.executeUpdate();
        changes.add(new Change(seq, merged));
        updated++;
      }
    }
    return new BatchResult(added, updated, unchanged, changes);
  }

  private static void bind(PreparedStatement st, Paper p, long seq, String now)
      throws SQLException {
    st.setString(1, p.id());
    st.setInt(2, p.version());
    st.setString(3, p.title());
    setNullable(st, 4, p.abstractText());
    st.setString(5, json(p.authors()));
    st.setString(6, json(p.categories()));
    setNullable(st, 7, p.published() == null ? null : p.published().toString());
    setNullable(st, 8, p.updated() == null ? null : p.updated().toString());
    setNullable(st, 9, p.comment());
    setNullable(st, 10, p.journalRef());
    setNullable(st, 11, p.doi());
    setNullable(st, 12, p.license());
    st.setString(13, json(p.links()));
    st.setLong(14, seq);
    setNullable(st, 15, p.primaryCategory());
    st.setString(16, now);
  }

  private static void setNullable(PreparedStatement st, int i, String v) throws SQLException {
    if (v == null) {
      st.setNull(i, Types.VARCHAR);
    } else {
      st.setString(i, v);
    }
  }

  public Optional<Paper> find(String id) {
    return Optional.ofNullable(findAll(List.of(id)).get(id));
  }

  /** The stored papers among {@code ids}, in the order of {@code ids}; missing ids are left out. */
  public Map<String, Paper> findAll(Collection<String> ids) {
    return byIds("cannot read papers", ids, "SELECT " + COLUMNS + " FROM papers WHERE id IN",
        List.of(), rs -> {
          Paper p = read(rs);
          return Map.entry(p.id(), p);
        });
  }

  /** Reads one row of an id lookup: the id and its value. */
  private interface IdRow<T> {
    Map.Entry<String, T> read(ResultSet rs) throws SQLException;
  }

  /**
   * The rows of {@code ids} (each once, in the order of {@code ids}; ids without a row left out)
   * from {@code select}, which ends in "IN" and takes the {@code leading} parameters before the
   * ids. One statement per {@value #IN_CHUNK} ids rather than one per id: a page asks for 30
   * papers at once, and an ingest for the cached vector of every paper it indexes, where a
   * statement per paper cost as much as a tenth of the indexing.
   */
  private <T> Map<String, T> byIds(String what, Collection<String> ids, String select,
      List<String> leading, IdRow<T> row) {
    List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
    Map<String, T> found = new HashMap<>();
    read(what, c -> {
      for (int i = 0; i < unique.size(); i += IN_CHUNK) {
        List<String> chunk = unique.subList(i, Math.min(unique.size(), i + IN_CHUNK));
        try (PreparedStatement st = c.prepareStatement(
            select + " (" + marks(chunk.size()) + ")")) {
          int n = 0;
          for (String p : leading) {
            st.setString(++n, p);
          }
          for (String id : chunk) {
            st.setString(++n, id);
          }
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              Map.Entry<String, T> e = row.read(rs);
              found.put(e.getKey(), e.getValue());
            }
          }
        }
      }
      return null;
    });
    Map<String, T> out = new LinkedHashMap<>();
    for (String id : unique) {
      T v = found.get(id);
      if (v != null) {
        out.put(id, v);
      }
    }
    return out;
  }

  static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  /**
   * One page of the papers first published from {@code from} to {@code to} (inclusive): newest
   * first, or with {@code byVotes} most upvoted first (votes of the accounts in this database),
   * then newest. Ties go to the higher id, so pages never overlap.
   */
  public List<Paper> publishedBetween(LocalDate from, LocalDate to, boolean byVotes, int offset,
      int limit) {
    requireRange(from, to);
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative, got " + offset
          + " and " + limit);
    }
    return read("cannot list papers published " + from + " to " + to, c -> {
      try (PreparedStatement st = c.prepareStatement(publishedSql(byVotes))) {
        st.setString(1, from.toString());
        st.setString(2, to.toString());
        st.setInt(3, limit);
        st.setInt(4, offset);
        List<Paper> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  /**
   * The query of {@link #publishedBetween}. The range comes from the papers_published index and
   * a paper's votes from votes_paper (one probe per paper in range). The page is chosen on
   * narrow rows (rowid, sort keys) and only its papers are read whole: sorting whole rows, with
   * their abstracts, cost several times more (a year's papers by votes: 690 ms against 170 ms at
   * offset 5,000 on the 75k sample).
   */
  static String publishedSql(boolean byVotes) {
    String votes = byVotes ? "(SELECT count(*) FROM votes v WHERE v.paper_id = papers.id)" : "0";
    String order = (byVotes ? "n DESC, " : "") + "published DESC, id DESC";
    return "WITH page AS (SELECT rowid AS r, " + votes + " AS n, published, id FROM papers"
        + " WHERE published BETWEEN ? AND ? ORDER BY " + order + " LIMIT ? OFFSET ?)"
        + " SELECT " + prefixed("p.") + " FROM page JOIN papers p ON p.rowid = page.r"
        + " ORDER BY " + order.replace("n DESC", "page.n DESC").replace("published DESC",
            "page.published DESC").replace("id DESC", "page.id DESC");
  }

  private static String prefixed(String prefix) {
    return prefix + COLUMNS.replace(", ", ", " + prefix);
  }

  /** How many papers were first published from {@code from} to {@code to} (inclusive). */
  public long countPublishedBetween(LocalDate from, LocalDate to) {
    requireRange(from, to);
    return read("cannot count papers published " + from + " to " + to, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT count(*) FROM papers WHERE published BETWEEN ? AND ?")) {
        st.setString(1, from.toString());
        st.setString(2, to.toString());
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** The newest first-publication date of any stored paper; empty when none has one. */
  public Optional<LocalDate> latestPublished() {
    return read("cannot read the latest publication date", c -> {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT max(published) FROM papers")) {
        rs.next();
        return Optional.ofNullable(date(rs.getString(1)));
      }
    });
  }

  private static void requireRange(LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("a date range needs both ends, got " + from + " to "
          + to);
    }
  }

  /** Up to {@code limit} changes after {@code afterSeq}, oldest first. */
  @Override
  public List<Change> changesAfter(long afterSeq, int limit) {
    return read("cannot read changes after " + afterSeq, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
          + " FROM papers WHERE change_seq > ? ORDER BY change_seq LIMIT ?")) {
        st.setLong(1, afterSeq);
        st.setInt(2, limit);
        List<Change> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(new Change(rs.getLong(14), read(rs)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public long count() {
    return queryLong("SELECT count(*) FROM papers");
  }

  /** The newest change sequence number, 0 for an empty store. */
  @Override
  public long lastSeq() {
    return queryLong("SELECT coalesce(max(change_seq), 0) FROM papers");
  }

  private long queryLong(String sql) {
    return read("query failed: " + sql, c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static long lastSeq(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT coalesce(max(change_seq), 0) FROM papers")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A cached embedding: the vector and the hash of the text it was computed from. */
  public record StoredVector(String textHash, float[] vector) {
    public StoredVector {
      vector = vector.clone();
    }

    @Override
    public float[] vector() {
      return vector.clone();
    }
  }

  /** A vector to cache for one paper. */
  public record NewVector(String paperId, String textHash, float[] vector) {
    public NewVector {
      vector = vector.clone();
    }
  }

  /** The cached vectors of {@code model} among {@code ids}; papers without one are left out. */
  public Map<String, StoredVector> vectors(String model, Collection<String> ids) {
    return byIds("cannot read vectors of " + model, ids, "SELECT paper_id, text_hash, vector"
        + " FROM paper_vectors WHERE model = ? AND paper_id IN", List.of(model),
        rs -> Map.entry(rs.getString(1),
            new StoredVector(rs.getString(2), Vectors.decode(rs.getBytes(3)))));
  }

  /**
   * Ids of the {@code limit} most recently published papers that have a cached vector of {@code
   * model}, newest first (ties: higher id first); papers without a date are left out. Walks the
   * papers_published index backwards and probes the vector table per paper, so it stops after
   * {@code limit} hits (about 20 ms for 5,000 on the 75k sample).
   */
  public List<String> newestWithVectors(String model, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    return read("cannot list papers with vectors of " + model, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT p.id FROM papers p"
          + " WHERE p.published IS NOT NULL AND EXISTS (SELECT 1 FROM paper_vectors v"
          + " WHERE v.paper_id = p.id AND v.model = ?) ORDER BY p.published DESC, p.id DESC"
          + " LIMIT ?")) {
        st.setString(1, model);
        st.setInt(2, limit);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      }
    });
  }

  /** Whether any paper has a cached vector of {@code model}: cheap, for every query. */
  public boolean hasVectors(String model) {
    return read("cannot read vectors of " + model, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT EXISTS (SELECT 1 FROM paper_vectors WHERE model = ?)")) {
        st.setString(1, model);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getBoolean(1);
        }
      }
    });
  }

  /** How many papers have a cached vector of {@code model} (reads them all: not per query). */
  public long vectorCount(String model) {
    return read("cannot count vectors of " + model, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT count(*) FROM paper_vectors WHERE model = ?")) {
        st.setString(1, model);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * Caches vectors and, in the same transaction, records that the embedder has seen every change
   * up to {@code embeddedUpTo} and gives each embedded paper a new change number, so the index
   * follower re-indexes it with its vector. Killed before the commit, nothing of it happened;
   * after, nothing is embedded again.
   */
  public void saveVectors(String model, List<NewVector> vectors, String stateName,
      long embeddedUpTo) {
    synchronized (writeLock) {
      try {
        inTransaction(() -> {
          long seq = lastSeq(writer);
          String now = Instant.now().toString();
          try (PreparedStatement put = writer.prepareStatement(
                   "INSERT INTO paper_vectors (paper_id, model, text_hash, vector, created_at)"
                       + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (paper_id, model) DO UPDATE SET"
                       + " text_hash = excluded.text_hash, vector = excluded.vector,"
                       + " created_at = excluded.created_at");
               PreparedStatement bump = writer.prepareStatement(
                   "UPDATE papers SET change_seq = ?, changed_at = ? WHERE id = ?")) {
            for (NewVector v : vectors) {
              put.setString(1, v.paperId());
              put.setString(2, model);
              put.setString(3, v.textHash());
              put.setBytes(4, Vectors.encode(v.vector));
              put.setString(5, now);
              put.executeUpdate();
              bump.setLong(1, ++seq);
              bump.setString(2, now);
              bump.setString(3, v.paperId());
              bump.executeUpdate();
            }
          }
          saveJobStateIn(stateName, Long.toString(embeddedUpTo));
          return null;
        });
      } catch (SQLException e) {
        throw new StoreException("cannot store " + vectors.size() + " vectors of " + model, e);
      }
    }
  }

  /** A job's saved value, e.g. the date the last harvest of a set reached. */
  public Optional<String> jobState(String name) {
    return read("cannot read job state " + name, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT value FROM job_state WHERE name = ?")) {
        st.setString(1, name);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  /** Every saved job value whose name starts with {@code prefix}, by name. */
  public Map<String, String> jobStates(String prefix) {
    return read("cannot read job states " + prefix + "*", c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT name, value FROM job_state WHERE substr(name, 1, ?) = ? ORDER BY name")) {
        st.setInt(1, prefix.length());
        st.setString(2, prefix);
        Map<String, String> out = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
        return out;
      }
    });
  }

  public void saveJobState(String name, String value) {
    synchronized (writeLock) {
      try {
        inTransaction(() -> {
          saveJobStateIn(name, value);
          return null;
        });
      } catch (SQLException e) {
        throw new StoreException("cannot save job state " + name, e);
      }
    }
  }

  private void saveJobStateIn(String name, String value) throws SQLException {
    try (PreparedStatement st = writer.prepareStatement(
        "INSERT INTO job_state (name, value, updated_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
            + " updated_at = excluded.updated_at")) {
      st.setString(1, name);
      st.setString(2, value);
      st.setString(3, Instant.now().toString());
      st.executeUpdate();
    }
  }

  /** Runs {@code work} on a read connection of its own; SQL failures become {@code failure}. */
  private <T> T read(String failure, ReadConnections.ReadWork<T> work) {
    try {
      return readers.read(work);
    } catch (SQLException e) {
      throw new StoreException(failure, e);
    }
  }

  /** Runs {@code work} holding SQLite's write lock from the start (BEGIN IMMEDIATE). */
  private <T> T inTransaction(Transactions.SqlWork<T> work) throws SQLException {
    return Transactions.immediate(writer, work);
  }

  private static Paper read(ResultSet rs) throws SQLException {
    return new Paper(
        rs.getString(1),
        rs.getInt(2),
        rs.getString(3),
        rs.getString(4),
        parse(rs.getString(5), STRINGS),
        parse(rs.getString(6), STRINGS),
        date(rs.getString(7)),
        date(rs.getString(8)),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        parse(rs.getString(13), LINKS));
  }

  private static LocalDate date(String s) {
    if (s == null) {
      return null;
    }
    // yyyy-MM-dd as stored, read by hand: the general parser cost a tenth of reading a paper.
    if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
      return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
          Integer.parseInt(s, 8, 10, 10));
    }
    return LocalDate.parse(s);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value, e);
    }
  }

  private static <T> T parse(String json, ObjectReader reader) {
    try {
      return reader.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON column: " + json, e);
    }
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
