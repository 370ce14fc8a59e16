package org.papersift.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirCollectionTest {
  private static final String HEADER = "query-id\tcorpus-id\tscore\n";

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private void standardLayout() throws IOException {
    write("corpus.jsonl", """
        {"_id": "d1", "title": "First", "text": "Alpha text.", "metadata": {"url": "x", "n": [1, {"a": 2}]}}
        {"_id": "d2", "text": "No title here."}
        {"_id": "d3", "title": null, "text": "Null title.", "metadata": {}}
        """);
    write("queries.jsonl", """
        {"_id": "q1", "text": "first query", "metadata": {}}
        {"_id": "q2", "text": "second query"}
        {"_id": "q3", "text": "third query"}
        {"_id": "q4", "text": "unjudged query"}
        """);
    write("qrels/test.tsv", HEADER + "q3\td2\t2\nq1\td1\t1\nq1\td3\t0\n");
    write("qrels/train.tsv", HEADER + "q2\td2\t1\n");
  }

  private List<BeirDoc> docs(BeirCollection c) throws IOException {
    List<BeirDoc> out = new ArrayList<>();
    c.forEachDoc(out::add);
    return out;
  }

  @Test
  void readsTheStandardLayout() throws IOException {
    standardLayout();
    BeirCollection test = BeirCollection.load(dir, "test");
    // Queries-file order, not qrels order; q2 and q4 have no test judgments.
    assertThat(test.queries()).containsExactly(
        new BeirQuery("q1", "first query"), new BeirQuery("q3", "third query"));
    assertThat(test.qrels()).containsExactly(
        Map.entry("q1", Map.of("d1", 1, "d3", 0)), Map.entry("q3", Map.of("d2", 2)));
    assertThat(test.qrelsFile()).isEqualTo(dir.resolve("qrels/test.tsv"));
    assertThat(test.queriesFile()).isEqualTo(dir.resolve("queries.jsonl"));
    assertThat(test.corpusFile()).isEqualTo(dir.resolve("corpus.jsonl"));
    assertThat(test.split()).isEqualTo("test");
    assertThat(docs(test)).containsExactly(
        new BeirDoc("d1", "First", "Alpha text."),
        new BeirDoc("d2", "", "No title here."),
        new BeirDoc("d3", "", "Null title."));

    BeirCollection train = BeirCollection.load(dir, "train");
    assertThat(train.queries()).containsExactly(new BeirQuery("q2", "second query"));
    assertThat(train.qrels()).containsExactly(Map.entry("q2", Map.of("d2", 1)));
  }

  @Test
  void resultIsUnmodifiable() throws IOException {
    standardLayout();
    BeirCollection c = BeirCollection.load(dir, "test");
    assertThatThrownBy(() -> c.queries().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.qrels().get("q1").put("d9", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readsTheFlatLayoutWithSplitSpecificQueriesAndPlainIdFields() throws IOException {
    write("corpus.jsonl", "{\"id\": \"10\", \"title\": \"T\", \"text\": \"body\"}\n");
    write("queries.jsonl", "{\"id\": \"1\", \"text\": \"test claim\"}\n");
    write("queries-train.jsonl", "{\"id\": \"0\", \"text\": \"train claim\"}\n"
        + "{\"id\": \"2\", \"text\": \"another train claim\"}\n");
    write("qrels-test.tsv", HEADER + "1\t10\t1\n");
    write("qrels-train.tsv", HEADER + "2\t10\t1\n0\t10\t1\n");

    BeirCollection test = BeirCollection.load(dir, "test");
    assertThat(test.queriesFile()).isEqualTo(dir.resolve("queries.jsonl"));
    assertThat(test.qrelsFile()).isEqualTo(dir.resolve("qrels-test.tsv"));
    assertThat(test.queries()).containsExactly(new BeirQuery("1", "test claim"));

    BeirCollection train = BeirCollection.load(dir, "train");
    assertThat(train.queriesFile()).isEqualTo(dir.resolve("queries-train.jsonl"));
    assertThat(train.queries()).extracting(BeirQuery::id).containsExactly("0", "2");
    assertThat(docs(train)).containsExactly(new BeirDoc("10", "T", "body"));
  }

  @Test
  void toleratesBomCrlfBlankLinesNumericIdsAndRepeatedIdenticalJudgments() throws IOException {
    write("corpus.jsonl", "\uFEFF{\"_id\": 7, \"title\": \"é\", \"text\": \"ü \\u2028 x\"}\r\n\r\n");
    write("queries.jsonl", "\uFEFF{\"_id\": \"q\", \"text\": \"t\"}\r\n");
    write("qrels/test.tsv", "\uFEFF" + HEADER.replace("\n", "\r\n") + "q\t7\t1\r\nq\t7\t1\r\n\r\n");
    BeirCollection c = BeirCollection.load(dir, "test");
    assertThat(c.qrels()).containsExactly(Map.entry("q", Map.of("7", 1)));
    assertThat(docs(c)).containsExactly(new BeirDoc("7", "é", "ü \u2028 x"));
  }

  @Test
  void missingFilesAreNamedWithWhatWasExpected() throws IOException {
    assertThatThrownBy(() -> BeirCollection.load(dir.resolve("nope"), "test"))
        .isInstanceOf(BeirFormatException.class).hasMessageContaining("not a directory");
    assertThatThrownBy(() -> BeirCollection.load(dir, "test"))
        .hasMessageContaining("corpus.jsonl").hasMessageContaining("missing");
    standardLayout();
    assertThatThrownBy(() -> BeirCollection.load(dir, "dev"))
        .isInstanceOf(BeirFormatException.class)
        .hasMessageContaining("no qrels for split dev")
        .hasMessageContaining("qrels/dev.tsv, qrels-dev.tsv");
    Files.delete(dir.resolve("queries.jsonl"));
    assertThatThrownBy(() -> BeirCollection.load(dir, "test"))
        .hasMessageContaining("no queries").hasMessageContaining("queries.jsonl");
    assertThatThrownBy(() -> BeirCollection.load(dir, "../test"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badQrelsLinesAreNamedByFileAndLine() throws IOException {
    standardLayout();
    Path qrels = dir.resolve("qrels/test.tsv");
    expectLoadError(qrels, "query-id corpus-id score\nq1\td1\t1\n",
        qrels + ":1: expected the header \"query-id<TAB>corpus-id<TAB>score\"");
    expectLoadError(qrels, HEADER + "q1\td1\t1\nq1 d2 1\n",
        qrels + ":3: expected 3 tab-separated columns (query-id, corpus-id, score), got 1");
    expectLoadError(qrels, HEADER + "q1\td1\tyes\n",
        qrels + ":2: expected an integer score, got \"yes\"");
    expectLoadError(qrels, HEADER + "q1\t\t1\n", qrels + ":2: expected non-empty");
    expectLoadError(qrels, HEADER + "q1\td1\t1\nq1\td1\t2\n",
        qrels + ":3: query \"q1\" judges \"d1\" as 2 but an earlier line said 1");
    expectLoadError(qrels, HEADER + "q1\td1\t1\nq9\td1\t1\n",
        qrels + ":3: query \"q9\" has judgments but is not in");
    expectLoadError(qrels, HEADER, qrels + ": has a header but no judgments");
    expectLoadError(qrels, "", qrels + ": empty");
  }

  @Test
  void badQueryLinesAreNamedByFileAndLine() throws IOException {
    standardLayout();
    Path queries = dir.resolve("queries.jsonl");
    expectLoadError(queries, "{\"_id\": \"q1\", \"text\": \"a\"}\n{\"_id\": \"q1\", \"text\": \"b\"}\n",
        queries + ":2: duplicate query id \"q1\"");
    expectLoadError(queries, "{\"_id\": \"q1\", \"text\": \"a\"}\n{\"_id\": \"q3\"}\n",
        queries + ":2: expected a \"text\" field");
    expectLoadError(queries, "{\"_id\": \"q1\", \"text\": \"a\"}\n[1, 2]\n",
        queries + ":2: expected one JSON object per line");
    expectLoadError(queries, "{\"_id\": \"q1\", \"text\": \"a\"} {}\n",
        queries + ":1: expected one JSON object per line, found more after it");
    expectLoadError(queries, "{\"_id\": \"q1\", \"text\": [\"a\"]}\n",
        queries + ":1: expected \"text\" to be a string, got an array");
    expectLoadError(queries, "{\"_id\": true, \"text\": \"a\"}\n",
        queries + ":1: expected \"_id\" to be a string, got a boolean");

    Files.write(queries, new byte[] {'{', '}', '\n', '"', (byte) 0xC3, '"', '\n'});
    assertThatThrownBy(() -> BeirCollection.load(dir, "test"))
        .hasMessageStartingWith(queries + ":1: expected a non-empty \"_id\"");
    Files.write(queries, new byte[] {'\n', '"', (byte) 0xC3, '"', '\n'});
    assertThatThrownBy(() -> BeirCollection.load(dir, "test"))
        .hasMessage(queries + ":2: not valid UTF-8");
  }

  @Test
  void badCorpusLinesFailWhileStreamingNamedByFileAndLine() throws IOException {
    standardLayout();
    Path corpus = dir.resolve("corpus.jsonl");
    BeirCollection c = BeirCollection.load(dir, "test");
    List<String> seen = new ArrayList<>();

    Files.writeString(corpus, "{\"_id\": \"d1\", \"text\": \"ok\"}\n{\"_id\": \"d2\", \"text\": \n");
    assertThatThrownBy(() -> c.forEachDoc(d -> seen.add(d.id())))
        .isInstanceOf(BeirFormatException.class)
        .hasMessageStartingWith(corpus + ":2: invalid JSON (")
        .hasMessageEndingWith("); expected one object per line");
    assertThat(seen).containsExactly("d1");

    Files.writeString(corpus, "{\"_id\": \"d1\", \"text\": \"ok\"}\n\n{\"title\": \"x\", \"text\": \"y\"}\n");
    assertThatThrownBy(() -> c.forEachDoc(d -> { }))
        .hasMessage(corpus + ":3: expected a non-empty \"_id\" (or \"id\")");

    Files.writeString(corpus, "{\"_id\": \"d1\", \"title\": \"no text\"}\n");
    assertThatThrownBy(() -> c.forEachDoc(d -> { }))
        .hasMessage(corpus + ":1: expected a \"text\" field");
  }

  @Test
  void longLinesAcrossReadBuffersAreReadWhole() throws IOException {
    standardLayout();
    String big = "w".repeat(200_000) + "é".repeat(70_000);
    write("corpus.jsonl", "{\"_id\": \"a\", \"text\": \"" + big + "\"}\n"
        + "{\"_id\": \"b\", \"text\": \"small\"}");  // no final newline
    List<BeirDoc> docs = docs(BeirCollection.load(dir, "test"));
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).text()).isEqualTo(big);
    assertThat(docs.get(1)).isEqualTo(new BeirDoc("b", "", "small"));
  }

  private void expectLoadError(Path file, String content, String messagePrefix)
      throws IOException {
    String original = Files.readString(file);
    Files.writeString(file, content);
    try {
      assertThatThrownBy(() -> BeirCollection.load(dir, "test"))
          .isInstanceOf(BeirFormatException.class)
          .hasMessageStartingWith(messagePrefix);
    } finally {
      Files.writeString(file, original);
    }
  }
}
