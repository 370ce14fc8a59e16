package org.papersift.sources.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;

/**
 * Reads files written here byte by byte: both JSON layouts, plain and gzipped, and every kind of
 * bad line, checking that each line produces exactly one call on the sink, in order, naming
 * "file:line".
 */
class PaperFileReaderTest {
  @TempDir Path dir;

  private static final String SAMPLE_LINE = """
      {"id":"2501.01234v2","title":"  Sparse   Attention\\nfor Long Documents ",\
      "abstract":"We study sparse attention.","authors":["Ada Lovelace","Charles Babbage"],\
      "categories":["cs.CL","cs.LG","cs.CL"],"published":"2025-01-03","comment":"12 pages"}""";

  private static final String SNAPSHOT_LINE = """
      {"id":"0704.0001","submitter":"Pavel Nadolsky",\
      "authors":"C. Bal\\\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan",\
      "title":"Calculation of prompt diphoton production cross sections at Tevatron and\\n  LHC\
       energies","comments":"37 pages, 15 figures; published version",\
      "journal-ref":"Phys.Rev.D76:013009,2007","doi":"10.1103/PhysRevD.76.013009",\
      "report-no":"ANL-HEP-PR-07-12","categories":"hep-ph astro-ph.CO",\
      "license":"http://arxiv.org/licenses/nonexclusive-distrib/1.0/",\
      "abstract":"  A fully differential calculation in perturbative quantum chromodynamics is\\n\
      presented.\\n","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"},\
      {"version":"v2","created":"Tue, 24 Jul 2007 20:10:27 GMT"}],"update_date":"2008-11-13",\
      "authors_parsed":[["Balázs","C.",""],["Berger","E. L.",""],["Nadolsky","P. M.",""],\
      ["Yuan","C. -P.",""],["King","Martin L.","Jr."]]}""";

  /** Everything a read told the sink, in order. */
  static final class Recorder implements RecordSink {
    final List<Paper> papers = new ArrayList<>();
    final List<String> acceptedAt = new ArrayList<>();
    final List<String> rejectedAt = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void accept(Paper paper, String where) {
      papers.add(paper);
      acceptedAt.add(where);
      events.add("ok " + where);
    }

    @Override
    public void reject(String where, String reason) {
      rejectedAt.add(where);
      reasons.add(reason);
      events.add("rejected " + where);
    }

    String reasonAt(String where) {
      int i = rejectedAt.indexOf(where);
      assertThat(i).as("a rejection at %s among %s", where, rejectedAt).isNotNegative();
      return reasons.get(i);
    }
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private Path writeLines(String name, String... lines) throws IOException {
    return write(name, (String.join("\n", lines) + "\n").getBytes(UTF_8));
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static String paperLine(int n) {
    return String.format("{\"id\":\"2502.%05d\",\"title\":\"Paper number %d\","
        + "\"abstract\":\"Abstract of paper %d with some filler words to make it longer.\","
        + "\"authors\":[\"Author %d\"],\"categories\":[\"cs.AI\"],\"published\":\"2025-02-01\"}",
        n, n, n, n);
  }

  private static Recorder read(Path file) {
    Recorder r = new Recorder();
    PaperFileReader.Result result = new PaperFileReader(file).read(r);
    assertThat(result.fileError()).as("file error").isNull();
    return r;
  }

  @Test
  void sampleLayoutMapsEveryField() throws IOException {
    Path f = writeLines("sample.jsonl", SAMPLE_LINE);
    Recorder r = new Recorder();
    PaperFileReader.Result result = new PaperFileReader(f).read(r);

    assertThat(result).isEqualTo(new PaperFileReader.Result(1, 1, 0, null));
    assertThat(r.acceptedAt).containsExactly(f + ":1");
    Paper p = r.papers.get(0);
    assertThat(p.id()).isEqualTo("2501.01234");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.title()).isEqualTo("Sparse Attention for Long Documents");
    assertThat(p.abstractText()).isEqualTo("We study sparse attention.");
    assertThat(p.authors()).containsExactly("Ada Lovelace", "Charles Babbage");
    assertThat(p.categories()).containsExactly("cs.CL", "cs.LG");
    assertThat(p.primaryCategory()).isEqualTo("cs.CL");
    assertThat(p.published()).isEqualTo(LocalDate.of(2025, 1, 3));
    assertThat(p.updated()).isNull();
    assertThat(p.comment()).isEqualTo("12 pages");
    assertThat(p.journalRef()).isNull();
    assertThat(p.doi()).isNull();
    assertThat(p.license()).isNull();
    assertThat(p.links()).extracting(Link::href).containsExactly(
        "https://arxiv.org/abs/2501.01234", "https://arxiv.org/pdf/2501.01234");
  }

  @Test
  void sampleLayoutOptionalFieldsAndAuthorString() throws IOException {
    Path f = writeLines("optional.jsonl",
        "{\"id\":\"hep-th/9901001v3\",\"title\":\"Old style\",\"authors\":\"A. Smith, B. Jones"
            + " and C. Wu\",\"categories\":\"hep-th  math-ph\",\"updated\":\"2001-05-06T10:00:00Z\","
            + "\"doi\":\"10.1/x\",\"journal_ref\":\"J. Phys. 1 (2001)\",\"license\":\"CC-BY\"}",
        "{\"id\":\"beir-doc_7\",\"title\":\"Not arXiv\",\"version\":\"v4\"}");
    Recorder r = read(f);

    assertThat(r.rejectedAt).isEmpty();
    Paper old = r.papers.get(0);
    assertThat(old.id()).isEqualTo("hep-th/9901001");
    assertThat(old.version()).isEqualTo(3);
    assertThat(old.authors()).containsExactly("A. Smith", "B. Jones", "C. Wu");
    assertThat(old.categories()).containsExactly("hep-th", "math-ph");
    assertThat(old.updated()).isEqualTo(LocalDate.of(2001, 5, 6));
    assertThat(old.published()).isNull();
    assertThat(old.doi()).isEqualTo("10.1/x");
    assertThat(old.journalRef()).isEqualTo("J. Phys. 1 (2001)");
    assertThat(old.license()).isEqualTo("CC-BY");

    Paper other = r.papers.get(1);
    assertThat(other.id()).isEqualTo("beir-doc_7");
    assertThat(other.version()).isEqualTo(4);
    assertThat(other.links()).isEmpty();
  }

  @Test
  void arxivSnapshotLayoutMapsEveryField() throws IOException {
    Path f = writeLines("snapshot.json", SNAPSHOT_LINE);
    Recorder r = read(f);

    assertThat(r.rejectedAt).isEmpty();
    assertThat(r.acceptedAt).containsExactly(f + ":1");
    Paper p = r.papers.get(0);
    assertThat(p.id()).isEqualTo("0704.0001");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.title()).isEqualTo(
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
    assertThat(p.abstractText()).isEqualTo(
        "A fully differential calculation in perturbative quantum chromodynamics is presented.");
    // authors_parsed wins over the authors string, in its order, "first last suffix"
    assertThat(p.authors()).containsExactly("C. Balázs", "E. L. Berger", "P. M. Nadolsky",
        "C. -P. Yuan", "Martin L. King Jr.");
    assertThat(p.categories()).containsExactly("hep-ph", "astro-ph.CO");
    assertThat(p.primaryCategory()).isEqualTo("hep-ph");
    assertThat(p.published()).isEqualTo(LocalDate.of(2007, 4, 2));
    assertThat(p.updated()).isEqualTo(LocalDate.of(2008, 11, 13));
    assertThat(p.comment()).isEqualTo("37 pages, 15 figures; published version");
    assertThat(p.journalRef()).isEqualTo("Phys.Rev.D76:013009,2007");
    assertThat(p.doi()).isEqualTo("10.1103/PhysRevD.76.013009");
    assertThat(p.license()).isEqualTo("http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
    assertThat(p.links()).extracting(Link::href).containsExactly(
        "https://arxiv.org/abs/0704.0001", "https://arxiv.org/pdf/0704.0001");
  }

  @Test
  void snapshotWithoutUpdateDateUsesLatestVersionAndFallsBackToAuthorString()
      throws IOException {
    Path f = writeLines("snapshot2.json",
        "{\"id\":\"0704.0002\",\"submitter\":\"X\",\"title\":\"T\","
            + "\"authors\":\"Louis Theran and Ileana Streinu\",\"categories\":\"math.CO cs.CG\","
            + "\"versions\":[{\"version\":\"v2\",\"created\":\"Sat, 13 Dec 2008 17:26:00 GMT\"},"
            + "{\"version\":\"v1\",\"created\":\"Sat, 31 Mar 2007 02:26:18 GMT\"}]}");
    Paper p = read(f).papers.get(0);

    assertThat(p.version()).isEqualTo(2);
    assertThat(p.published()).isEqualTo(LocalDate.of(2007, 3, 31));
    assertThat(p.updated()).isEqualTo(LocalDate.of(2008, 12, 13));
    assertThat(p.authors()).containsExactly("Louis Theran", "Ileana Streinu");
    assertThat(p.categories()).containsExactly("math.CO", "cs.CG");
  }

  @Test
  void gzippedFileIsDetectedByContentNotName() throws IOException {
    byte[] plain = (SAMPLE_LINE + "\n" + SNAPSHOT_LINE + "\n").getBytes(UTF_8);
    Path gz = write("looks-plain.jsonl", gzip(plain));
    Path notGz = write("looks-gzipped.jsonl.gz", plain);

    for (Path f : List.of(gz, notGz)) {
      Recorder r = read(f);
      assertThat(r.rejectedAt).as("%s", f).isEmpty();
      assertThat(r.papers).extracting(Paper::id).containsExactly("2501.01234", "0704.0001");
      assertThat(r.acceptedAt).containsExactly(f + ":1", f + ":2");
    }
  }

  @Test
  void concatenatedGzipMembersAreAllRead() throws IOException {
    Path f = write("two-members.jsonl.gz", concat(
        gzip((paperLine(1) + "\n" + paperLine(2) + "\n").getBytes(UTF_8)),
        gzip((paperLine(3) + "\n").getBytes(UTF_8))));
    Recorder r = read(f);
    assertThat(r.papers).extracting(Paper::id)
        .containsExactly("2502.00001", "2502.00002", "2502.00003");
  }

  @Test
  void eachBadLineIsRejectedWithFileAndLineAndTheRestIsDelivered() throws IOException {
    String hugeAbstract = "a".repeat(10 << 20);
    byte[] content = concat(
        (paperLine(1) + "\n").getBytes(UTF_8),                                      // 1
        "[{\"id\":\"2502.00002\",\"title\":\"in an array\"}]\n".getBytes(UTF_8),      // 2
        "{\"id\":\"2502.00003\",\"title\":\"unterminated\n".getBytes(UTF_8),          // 3
        (paperLine(4) + "\n").getBytes(UTF_8),                                      // 4
        concat("{\"id\":\"2502.00005\",\"title\":\"bad ".getBytes(UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xfe},
            " bytes\"}\n".getBytes(UTF_8)),                                          // 5
        "{\"id\":\"2502.00006\",\"abstract\":\"no title\"}\n".getBytes(UTF_8),         // 6
        "{\"title\":\"no id\"}\n".getBytes(UTF_8),                                    // 7
        "{\"id\":\"2502.00008\",\"title\":42}\n".getBytes(UTF_8),                    // 8
        "{\"id\":\"2502.00009\",\"title\":\"t\",\"authors\":[\"A\",7]}\n".getBytes(UTF_8), // 9
        "{\"id\":\"2502.00010\",\"title\":\"t\",\"categories\":{\"a\":1}}\n".getBytes(UTF_8), // 10
        "{\"id\":\"2502.00011\",\"title\":\"t\",\"published\":\"last Tuesday\"}\n"
            .getBytes(UTF_8),                                                        // 11
        ("{\"id\":\"2502.00012\",\"title\":\"huge\",\"abstract\":\"" + hugeAbstract + "\"}\n")
            .getBytes(UTF_8),                                                        // 12
        "{\"id\":\"2502.00013\",\"title\":\"t\",\"versions\":{\"v1\":1}}\n".getBytes(UTF_8), // 13
        "{\"id\":\"not an id!\",\"title\":\"t\"}\n".getBytes(UTF_8),                   // 14
        ("{\"id\":\"2502.00015\",\"title\":\"t\",\"submitter\":\"x\",\"versions\":"
            + "[{\"version\":\"v1\",\"created\":\"2 April 2007\"}]}\n").getBytes(UTF_8), // 15
        "null\n".getBytes(UTF_8),                                                    // 16
        (paperLine(17)).getBytes(UTF_8));                                           // 17, no newline
    Path f = write("mixed.jsonl", content);
    Recorder r = new Recorder();
    PaperFileReader.Result result = new PaperFileReader(f).read(r);

    assertThat(result.fileError()).isNull();
    assertThat(result.lines()).isEqualTo(17);
    assertThat(result.papers()).isEqualTo(3);
    assertThat(result.rejected()).isEqualTo(14);
    assertThat(r.papers).extracting(Paper::id)
        .containsExactly("2502.00001", "2502.00004", "2502.00017");
    assertThat(r.acceptedAt).containsExactly(f + ":1", f + ":4", f + ":17");
    // one call per line, in file order
    List<String> expected = new ArrayList<>();
    for (int line = 1; line <= 17; line++) {
      expected.add((line == 1 || line == 4 || line == 17 ? "ok " : "rejected ") + f + ":" + line);
    }
    assertThat(r.events).containsExactlyElementsOf(expected);

    assertThat(r.reasonAt(f + ":2")).isEqualTo("expected a JSON object, got an array");
    assertThat(r.reasonAt(f + ":3")).startsWith("not valid JSON");
    assertThat(r.reasonAt(f + ":5")).contains("UTF-8");
    assertThat(r.reasonAt(f + ":6")).isEqualTo("paper 2502.00006: title is missing");
    assertThat(r.reasonAt(f + ":7")).isEqualTo("id is missing");
    assertThat(r.reasonAt(f + ":8")).isEqualTo("title: expected a string, got a number");
    assertThat(r.reasonAt(f + ":9")).isEqualTo("authors: expected strings, found a number");
    assertThat(r.reasonAt(f + ":10"))
        .isEqualTo("categories: expected an array of strings, got an object");
    assertThat(r.reasonAt(f + ":11"))
        .isEqualTo("published: expected a date like 2025-03-18, got \"last Tuesday\"");
    assertThat(r.reasonAt(f + ":12")).isEqualTo("paper 2502.00012: abstract has "
        + hugeAbstract.length() + " characters, at most " + Paper.MAX_ABSTRACT_CHARS
        + " are accepted");
    assertThat(r.reasonAt(f + ":13")).isEqualTo("versions: expected an array, got an object");
    assertThat(r.reasonAt(f + ":14")).contains("\"not an id!\"");
    assertThat(r.reasonAt(f + ":15")).startsWith("versions.created:").contains("2 April 2007");
    assertThat(r.reasonAt(f + ":16")).isEqualTo("expected a JSON object, got null");
  }

  @Test
  void lineLongerThanTheLimitIsRejectedAndReadingGoesOn() throws IOException {
    byte[] tooLong = new byte[PaperFileReader.MAX_LINE_BYTES + 10];
    Arrays.fill(tooLong, (byte) 'x');
    Path f = write("long.jsonl", concat(
        (paperLine(1) + "\n").getBytes(UTF_8), tooLong, "\n".getBytes(UTF_8),
        (paperLine(3) + "\n").getBytes(UTF_8)));
    Recorder r = new Recorder();
    new PaperFileReader(f).read(r);

    assertThat(r.events).containsExactly("ok " + f + ":1", "rejected " + f + ":2",
        "ok " + f + ":3");
    assertThat(r.reasonAt(f + ":2")).isEqualTo("line is longer than 16 MiB");
  }

  /**
   * A line that holds two records (a lost newline) is one line and must be one call on the sink;
   * silently keeping the first object and dropping the rest loses a paper without a word.
   */
  @Test
  void trailingContentAfterTheObjectIsRejectedNotSilentlyDropped() throws IOException {
    Path f = writeLines("glued.jsonl",
        paperLine(1) + paperLine(2),
        paperLine(3) + " trailing garbage",
        paperLine(4));
    Recorder r = new Recorder();
    new PaperFileReader(f).read(r);

    assertThat(r.events).containsExactly("rejected " + f + ":1", "rejected " + f + ":2",
        "ok " + f + ":3");
  }

  @Test
  void malformedUtf8SequencesAreRejected() throws IOException {
    Path f = write("utf8.jsonl", concat(
        badUtf8Line(1, 0xe2, 0x82),           // truncated three-byte sequence
        badUtf8Line(2, 0x80),                 // lone continuation byte
        badUtf8Line(3, 0xed, 0xa0, 0x80),     // UTF-8-encoded surrogate U+D800
        badUtf8Line(4, 0xf8, 0x88, 0x80, 0x80, 0x80), // five-byte form
        (paperLine(5) + "\n").getBytes(UTF_8)));
    Recorder r = new Recorder();
    new PaperFileReader(f).read(r);

    assertThat(r.events).containsExactly("rejected " + f + ":1", "rejected " + f + ":2",
        "rejected " + f + ":3", "rejected " + f + ":4", "ok " + f + ":5");
    assertThat(r.reasons).allSatisfy(reason -> assertThat(reason).contains("UTF-8"));
  }

  /**
   * An overlong encoding (C0 AF for "/") is invalid UTF-8 (RFC 3629 section 3) and must be
   * rejected like any other invalid byte sequence, not decoded into a character.
   */
  @Test
  void overlongUtf8EncodingIsRejected() throws IOException {
    Path f = write("overlong.jsonl", concat(
        badUtf8Line(1, 0xc0, 0xaf),
        badUtf8Line(2, 0xe0, 0x80, 0xaf),
        (paperLine(3) + "\n").getBytes(UTF_8)));
    Recorder r = new Recorder();
    new PaperFileReader(f).read(r);

    assertThat(r.events).containsExactly("rejected " + f + ":1", "rejected " + f + ":2",
        "ok " + f + ":3");
  }

  private static byte[] badUtf8Line(int n, int... bad) {
    byte[] bytes = new byte[bad.length];
    for (int i = 0; i < bad.length; i++) {
      bytes[i] = (byte) bad[i];
    }
    return concat(String.format("{\"id\":\"2502.%05d\",\"title\":\"x", n).getBytes(UTF_8),
        bytes, "y\"}\n".getBytes(UTF_8));
  }

  @Test
  void truncatedGzipReportsAFileErrorAfterDeliveringTheRecordsBeforeTheCut()
      throws IOException {
    StringBuilder plain = new StringBuilder();
    int total = 5_000;
    for (int i = 1; i <= total; i++) {
      plain.append(paperLine(i)).append('\n');
    }
    byte[] whole = gzip(plain.toString().getBytes(UTF_8));
    Path f = write("cut.jsonl.gz", Arrays.copyOf(whole, whole.length / 2));
    Recorder r = new Recorder();
    PaperFileReader.Result result = new PaperFileReader(f).read(r);

    int delivered = r.papers.size();
    assertThat(r.rejectedAt).as("a half line at the cut is not a bad record").isEmpty();
    assertThat(delivered).isBetween(total / 10, total - 1);
    List<String> expectedIds = new ArrayList<>();
    for (int i = 1; i <= delivered; i++) {
      expectedIds.add(String.format("2502.%05d", i));
    }
    assertThat(r.papers).extracting(Paper::id).containsExactlyElementsOf(expectedIds);
    assertThat(result.papers()).isEqualTo(delivered);
    assertThat(result.fileError())
        .startsWith(f + ": ")
        .contains("ends early or is corrupt")
        .contains("after line " + delivered);
  }

  @Test
  void crlfLineEndingsBlankLinesAndBomAreHandled() throws IOException {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    Path f = write("windows.jsonl", concat(bom,
        ("{\"id\":\"2502.00001\",\"title\":\"Ends with CR LF\",\"comment\":\"c\"}\r\n"
            + "\r\n"
            + "   \t \r\n"
            + "\n"
            + paperLine(5) + "\r\n"
            + "{\"id\":\"2502.00006\",\"title\":\"t\",\"published\":42}\r\n"
            + paperLine(7) + "\r\n").getBytes(UTF_8)));
    Recorder r = new Recorder();
    PaperFileReader.Result result = new PaperFileReader(f).read(r);

    assertThat(r.events).containsExactly("ok " + f + ":1", "ok " + f + ":5",
        "rejected " + f + ":6", "ok " + f + ":7");
    assertThat(r.papers.get(0).title()).isEqualTo("Ends with CR LF");
    assertThat(r.papers.get(0).comment()).isEqualTo("c");
    assertThat(r.reasonAt(f + ":6")).isEqualTo("published: expected a string, got a number");
    assertThat(result).isEqualTo(new PaperFileReader.Result(7, 3, 1, null));
  }

  @Test
  void emptyAndMissingFiles() throws IOException {
    Path empty = write("empty.jsonl", new byte[0]);
    Recorder r = new Recorder();
    assertThat(new PaperFileReader(empty).read(r))
        .isEqualTo(new PaperFileReader.Result(0, 0, 0, null));
    assertThat(r.events).isEmpty();

    Path missing = dir.resolve("missing.jsonl");
    PaperFileReader reader = new PaperFileReader(missing);
    assertThat(reader.size()).isEqualTo(-1);
    assertThat(reader.read(r).fileError()).isEqualTo(missing + ": no such file");
    assertThat(r.events).isEmpty();
  }

  @Test
  void bytesReadCountsCompressedBytes() throws IOException {
    StringBuilder plain = new StringBuilder();
    for (int i = 1; i <= 2_000; i++) {
      plain.append(paperLine(i)).append('\n');
    }
    Path f = write("progress.jsonl.gz", gzip(plain.toString().getBytes(UTF_8)));
    PaperFileReader reader = new PaperFileReader(f);
    Recorder r = new Recorder();
    reader.read(r);

    assertThat(r.papers).hasSize(2_000);
    assertThat(reader.bytesRead()).isEqualTo(Files.size(f)).isEqualTo(reader.size());
    assertThat(r.acceptedAt).extracting(w -> w.substring(w.lastIndexOf(':') + 1))
        .last().isEqualTo("2000");
    assertThat(List.of(r.papers.get(1999))).extracting(Paper::id, Paper::title)
        .containsExactly(tuple("2502.02000", "Paper number 2000"));
  }
}
