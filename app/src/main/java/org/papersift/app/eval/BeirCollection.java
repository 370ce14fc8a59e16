package org.papersift.app.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A BEIR-layout test collection on disk: {@code corpus.jsonl}, queries and relevance judgments
 * (qrels) for one split.
 *
 * <p>Two layouts are accepted because both circulate: the standard BEIR one ({@code
 * qrels/test.tsv}, one {@code queries.jsonl} holding every split's queries) and a flat one ({@code
 * qrels-test.tsv}, {@code queries-train.jsonl} next to {@code queries.jsonl}). A split-specific
 * queries file is preferred when it exists. Records may name their id {@code _id} (BEIR) or
 * {@code id} (the flat SciFact copy in {@code /work/shared/data/scifact} does).
 *
 * <p>Queries and qrels are small and read eagerly in {@link #load}; the corpus can be millions of
 * documents, so it is streamed line by line on every {@link #forEachDoc} call and never held.
 */
public final class BeirCollection {
  private static final String CORPUS = "corpus.jsonl";
  private static final String QRELS_HEADER = "query-id\tcorpus-id\tscore";
  // The split becomes part of a file name; a strict pattern keeps "../x" out of the path.
  private static final Pattern SPLIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final JsonFactory JSON = new JsonFactory();

  private final Path dir;
  private final String split;
  private final Path corpusFile;
  private final Path queriesFile;
  private final Path qrelsFile;
  private final List<BeirQuery> queries;
  private final Map<String, Map<String, Integer>> qrels;

  private BeirCollection(Path dir, String split, Path corpusFile, Path queriesFile,
      Path qrelsFile, List<BeirQuery> queries, Map<String, Map<String, Integer>> qrels) {
    this.dir = dir;
    this.split = split;
    this.corpusFile = corpusFile;
    this.queriesFile = queriesFile;
    this.qrelsFile = qrelsFile;
    this.queries = queries;
    this.qrels = qrels;
  }

  /**
   * Reads the queries and qrels of {@code split} (e.g. "test", "train", "dev") from {@code dir}.
   * Only queries with at least one judgment in that split are kept, in the order of the queries
   * file, so runs are reproducible. The corpus file must exist but is not read here.
   *
   * @throws BeirFormatException if a file is missing or a line is malformed; the message names
   *     the file and line and says what was expected
   */
  public static BeirCollection load(Path dir, String split) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(split, "split");
    if (!SPLIT.matcher(split).matches()) {
      throw new IllegalArgumentException("split " + quote(split)
          + " is not a plain name like test, train or dev");
    }
    if (!Files.isDirectory(dir)) {
      throw new BeirFormatException(dir, "not a directory; expected a BEIR collection with "
          + CORPUS + ", queries.jsonl and qrels/" + split + ".tsv");
    }
    Path corpus = dir.resolve(CORPUS);
    if (!Files.isRegularFile(corpus)) {
      throw new BeirFormatException(corpus, "missing; expected the corpus as JSON lines with"
          + " \"_id\", \"title\" and \"text\"");
    }
    Path qrelsFile = firstExisting(dir, "qrels for split " + split,
        "qrels/" + split + ".tsv", "qrels-" + split + ".tsv", "qrels_" + split + ".tsv");
    Path queriesFile = firstExisting(dir, "queries",
        "queries-" + split + ".jsonl", "queries_" + split + ".jsonl", "queries.jsonl");

    Qrels judged = readQrels(qrelsFile);
    List<BeirQuery> queries = readQueries(queriesFile, judged.byQuery.keySet());
    if (queries.size() < judged.byQuery.size()) {
      Set<String> found = new HashSet<>();
      queries.forEach(q -> found.add(q.id()));
      for (Map.Entry<String, Long> e : judged.firstLine.entrySet()) {
        if (!found.contains(e.getKey())) {
          throw new BeirFormatException(qrelsFile, e.getValue(), "query " + quote(e.getKey())
              + " has judgments but is not in " + queriesFile);
        }
      }
    }
    // Same order as the query list so iterating either gives the same sequence.
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    for (BeirQuery q : queries) {
      qrels.put(q.id(), Collections.unmodifiableMap(judged.byQuery.get(q.id())));
    }
    return new BeirCollection(dir, split, corpus, queriesFile, qrelsFile,
        List.copyOf(queries), Collections.unmodifiableMap(qrels));
  }

  public Path dir() {
    return dir;
  }

  public String split() {
    return split;
  }

  public Path corpusFile() {
    return corpusFile;
  }

  public Path queriesFile() {
    return queriesFile;
  }

  public Path qrelsFile() {
    return qrelsFile;
  }

  /** Queries with at least one judgment in this split, in queries-file order. Unmodifiable. */
  public List<BeirQuery> queries() {
    return queries;
  }

  /**
   * Judgments of this split: query id → document id → grade (0 = judged not relevant). Keys follow
   * {@link #queries()}; documents follow the qrels file. Unmodifiable.
   */
  public Map<String, Map<String, Integer>> qrels() {
    return qrels;
  }

  /**
   * Streams the corpus in file order, one parsed line at a time. Every call re-reads the file.
   * Duplicate document ids are not detected here (that would mean holding every id).
   */
  public void forEachDoc(Consumer<? super BeirDoc> action) throws IOException {
    Objects.requireNonNull(action, "action");
    forEachJsonLine(corpusFile, (line, rec) -> {
      if (rec.text == null) {
        throw new BeirFormatException(corpusFile, line, "expected a \"text\" field");
      }
      action.accept(new BeirDoc(rec.id, rec.title == null ? "" : rec.title, rec.text));
    });
  }

  private static List<BeirQuery> readQueries(Path file, Set<String> wanted) throws IOException {
    List<BeirQuery> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    forEachJsonLine(file, (line, rec) -> {
      if (!seen.add(rec.id)) {
        throw new BeirFormatException(file, line, "duplicate query id " + quote(rec.id));
      }
      if (rec.text == null) {
        throw new BeirFormatException(file, line, "expected a \"text\" field");
      }
      if (wanted.contains(rec.id)) {
        out.add(new BeirQuery(rec.id, rec.text));
      }
    });
    return out;
  }

  /** Judgments grouped by query, plus where each query first appears for error messages. */
  private record Qrels(Map<String, Map<String, Integer>> byQuery, Map<String, Long> firstLine) {}

  private static Qrels readQrels(Path file) throws IOException {
    Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
    Map<String, Long> firstLine = new LinkedHashMap<>();
    long lineNo = 0;
    try (Utf8LineReader in = new Utf8LineReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo = in.lineNo();
        if (lineNo == 1) {
          String header = stripBom(line).stripTrailing();
          if (!header.equals(QRELS_HEADER)) {
            throw new BeirFormatException(file, lineNo, "expected the header "
                + "\"query-id<TAB>corpus-id<TAB>score\", got " + quote(line));
          }
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length != 3) {
          throw new BeirFormatException(file, lineNo, "expected 3 tab-separated columns"
              + " (query-id, corpus-id, score), got " + cols.length + ": " + quote(line));
        }
        String queryId = cols[0];
        String docId = cols[1];
        if (queryId.isEmpty() || docId.isEmpty()) {
          throw new BeirFormatException(file, lineNo, "expected non-empty query-id and"
              + " corpus-id, got " + quote(line));
        }
        int grade;
        try {
          grade = Integer.parseInt(cols[2].strip());
        } catch (NumberFormatException e) {
          throw new BeirFormatException(file, lineNo, "expected an integer score, got "
              + quote(cols[2]));
        }
        firstLine.putIfAbsent(queryId, lineNo);
        Integer earlier = byQuery.computeIfAbsent(queryId, k -> new LinkedHashMap<>())
            .putIfAbsent(docId, grade);
        // A repeated identical row is harmless; two different grades mean the file is wrong.
        if (earlier != null && earlier != grade) {
          throw new BeirFormatException(file, lineNo, "query " + quote(queryId) + " judges "
              + quote(docId) + " as " + grade + " but an earlier line said " + earlier);
        }
      }
    }
    if (lineNo == 0) {
      throw new BeirFormatException(file, "empty; expected the header"
          + " \"query-id<TAB>corpus-id<TAB>score\" and one judgment per line");
    }
    if (byQuery.isEmpty()) {
      throw new BeirFormatException(file, "has a header but no judgments");
    }
    return new Qrels(byQuery, firstLine);
  }

  /** Fields of one JSON line that BEIR defines; everything else is skipped unparsed. */
  private record JsonRecord(String id, String title, String text) {}

  @FunctionalInterface
  private interface LineHandler {
    void accept(long line, JsonRecord rec) throws IOException;
  }

  private static void forEachJsonLine(Path file, LineHandler handler) throws IOException {
    try (Utf8LineReader in = new Utf8LineReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        long lineNo = in.lineNo();
        if (lineNo == 1) {
          line = stripBom(line);
        }
        if (line.isBlank()) {
          continue;
        }
        handler.accept(lineNo, parseRecord(file, lineNo, line));
      }
    }
  }

  private static JsonRecord parseRecord(Path file, long lineNo, String line) throws IOException {
    String id = null;
    String altId = null;
    String title = null;
    String text = null;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BeirFormatException(file, lineNo, "expected one JSON object per line, got "
            + abbreviate(line));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "_id" -> id = idValue(file, lineNo, p, value, name);
          case "id" -> altId = idValue(file, lineNo, p, value, name);
          case "title" -> title = textValue(file, lineNo, p, value, name);
          case "text" -> text = textValue(file, lineNo, p, value, name);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BeirFormatException(file, lineNo,
            "expected one JSON object per line, found more after it");
      }
    } catch (JsonProcessingException e) {
      throw new BeirFormatException(file, lineNo, "invalid JSON (" + e.getOriginalMessage()
          + "); expected one object per line", e);
    }
    if (id == null) {
      id = altId;
    }
    if (id == null || id.isEmpty()) {
      throw new BeirFormatException(file, lineNo, "expected a non-empty \"_id\" (or \"id\")");
    }
    return new JsonRecord(id, title, text);
  }

  private static String idValue(Path file, long lineNo, JsonParser p, JsonToken t, String name)
      throws IOException {
    // Some exports write numeric ids; they are compared as text like in the TSV qrels.
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getText();
    }
    throw new BeirFormatException(file, lineNo, "expected \"" + name + "\" to be a string, got "
        + describe(t));
  }

  private static String textValue(Path file, long lineNo, JsonParser p, JsonToken t, String name)
      throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    throw new BeirFormatException(file, lineNo, "expected \"" + name + "\" to be a string, got "
        + describe(t));
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(t);
    };
  }

  private static Path firstExisting(Path dir, String what, String... candidates)
      throws BeirFormatException {
    for (String c : candidates) {
      Path p = dir.resolve(c);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new BeirFormatException(dir, "no " + what + "; expected one of "
        + String.join(", ", candidates));
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  private static String abbreviate(String s) {
    return quote(s.length() > 60 ? s.substring(0, 60) + "..." : s);
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
