package org.papersift.sources.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.papersift.core.paper.InvalidPaperException;

/**
 * Reads one bulk file of papers, one JSON object per line, plain or gzipped (detected by the gzip
 * magic bytes, not the name). Every line becomes exactly one call on the sink: a paper or a
 * rejection naming "file:line" and the reason. A broken file (truncated gzip, unreadable) ends the
 * read with {@link Result#fileError()} set; every record before the break has been delivered.
 *
 * <p>One instance reads one file; {@link #bytesRead()} may be polled from another thread for
 * progress.
 */
public final class PaperFileReader {
  /** A longer line cannot be a paper: arXiv's largest metadata record is far below 1 MiB. */
  public static final int MAX_LINE_BYTES = 16 << 20;
  // One JSON value per line: anything after the object is an error, not silently dropped.
  private static final ObjectReader JSON = new ObjectMapper()
      .reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path file;
  private volatile long bytesRead;

  public PaperFileReader(Path file) {
    this.file = file;
  }

  /** What a read saw: lines read, papers delivered, records rejected, and a file-level error. */
  public record Result(long lines, long papers, long rejected, String fileError) {}

  public long size() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Compressed bytes consumed so far: the progress measure for gzipped files too. */
  public long bytesRead() {
    return bytesRead;
  }

  public Result read(RecordSink sink) {
    long papers = 0;
    long rejected = 0;
    LineReader lines = null;
    try (InputStream raw = new CountingStream(Files.newInputStream(file))) {
      InputStream in = new BufferedInputStream(raw, 1 << 16);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b1 == 0x1f && b2 == 0x8b) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      lines = new LineReader(in, MAX_LINE_BYTES);
      while (lines.next()) {
        String where = file + ":" + lines.lineNumber();
        if (lines.tooLong()) {
          sink.reject(where, "line is longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
          rejected++;
          continue;
        }
        if (lines.blank()) {
          continue;
        }
        int bad = Utf8.firstInvalid(lines.bytes(), lines.length());
        if (bad >= 0) {
          sink.reject(where, "not valid UTF-8 at byte " + (bad + 1) + " of the line");
          rejected++;
          continue;
        }
        try {
          JsonNode node = JSON.readTree(lines.bytes(), 0, lines.length());
          sink.accept(JsonPaperMapper.map(node), where);
          papers++;
        } catch (JsonProcessingException e) {
          sink.reject(where, "not valid JSON: " + e.getOriginalMessage());
          rejected++;
        } catch (InvalidPaperException e) {
          sink.reject(where, e.getMessage());
          rejected++;
        }
      }
      return new Result(lines.lineNumber(), papers, rejected, null);
    } catch (NoSuchFileException e) {
      return new Result(0, 0, 0, file + ": no such file");
    } catch (EOFException | ZipException e) {
      long at = lines == null ? 0 : lines.lineNumber();
      return new Result(at, papers, rejected, file + ": the compressed data ends early or is corrupt"
          + " after line " + at + " (" + e.getMessage() + "); the records before it were read");
    } catch (IOException e) {
      long at = lines == null ? 0 : lines.lineNumber();
      return new Result(at, papers, rejected,
          file + ": read failed after line " + at + ": " + e.getMessage());
    }
  }

  private final class CountingStream extends FilterInputStream {
    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytesRead++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        bytesRead += n;
      }
      return n;
    }
  }
}
