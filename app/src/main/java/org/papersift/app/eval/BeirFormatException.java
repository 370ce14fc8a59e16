package org.papersift.app.eval;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A BEIR file is missing or does not have the expected shape. The message always starts with
 * {@code file:line:} (or just the file when no line applies) so a user can jump to the problem.
 */
public final class BeirFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public BeirFormatException(Path file, long line, String message) {
    super(file + ":" + line + ": " + message);
  }

  public BeirFormatException(Path file, String message) {
    super(file + ": " + message);
  }

  BeirFormatException(Path file, long line, String message, Throwable cause) {
    super(file + ":" + line + ": " + message, cause);
  }
}
