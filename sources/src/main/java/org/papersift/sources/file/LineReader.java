package org.papersift.sources.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so one line of invalid UTF-8 is one bad
 * record rather than the end of the file. A line longer than {@code maxLineBytes} is skipped up to
 * its newline and reported as too long. Not thread-safe; does not own the stream.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private int lineLength;
  private long lineNumber;
  private boolean tooLong;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Reads the next line; false at end of stream. */
  boolean next() throws IOException {
    lineLength = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buf);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          if (any) {
            lineNumber++;
          }
          return any;
        }
      }
      any = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos);
      if (pos < limit) {
        pos++; // the newline
        lineNumber++;
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return true;
      }
    }
  }

  private void append(int from, int to) {
    int n = to - from;
    if (tooLong || n == 0) {
      return;
    }
    if (lineLength + n > maxLineBytes) {
      tooLong = true;
      lineLength = 0;
      return;
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(buf, from, line, lineLength, n);
    lineLength += n;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLength;
  }

  long lineNumber() {
    return lineNumber;
  }

  boolean tooLong() {
    return tooLong;
  }

  boolean blank() {
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
