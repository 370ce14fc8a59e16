package org.papersift.app.eval;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file line by line, decoding each line as strict UTF-8 on its own. A plain {@code
 * BufferedReader} decodes ahead in blocks, so a bad byte would be reported at whatever line the
 * reader happened to be on; decoding per line makes "file:line: not valid UTF-8" exact. Lines end
 * at {@code \n}; a trailing {@code \r} is dropped.
 */
final class Utf8LineReader implements Closeable {
  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line = new byte[1024];
  private int len;
  private long lineNo;

  Utf8LineReader(Path file) throws IOException {
    this.file = file;
    this.in = Files.newInputStream(file);
  }

  /** Number of the line last returned by {@link #readLine()}, counting from 1. */
  long lineNo() {
    return lineNo;
  }

  /** The next line without its terminator, or null at end of file. */
  String readLine() throws IOException {
    len = 0;
    boolean sawBytes = false;
    while (true) {
      if (pos == lim) {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        lim = Math.max(n, 0);
        if (n <= 0) {
          if (!sawBytes) {
            return null;
          }
          break;
        }
      }
      sawBytes = true;
      int start = pos;
      while (pos < lim && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos - start);
      if (pos < lim) {
        pos++; // the '\n'
        break;
      }
    }
    lineNo++;
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    try {
      return decoder.decode(ByteBuffer.wrap(line, 0, len)).toString();
    } catch (CharacterCodingException e) {
      throw new BeirFormatException(file, lineNo, "not valid UTF-8", e);
    }
  }

  private void append(int start, int count) {
    if (len + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, len + count));
    }
    System.arraycopy(buf, start, line, len, count);
    len += count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
