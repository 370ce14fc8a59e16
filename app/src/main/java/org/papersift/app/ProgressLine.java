package org.papersift.app;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * One status line on the terminal, redrawn five times a second from a supplier, for long jobs.
 * Silent when stderr is not a terminal (pipes, CI logs) so logs are not flooded. Owns a daemon
 * thread between {@link #start} and {@link #close}.
 */
public final class ProgressLine implements AutoCloseable {
  private final PrintStream out;
  private final Supplier<String> status;
  private final boolean enabled;
  private Thread ticker;
  private int lastWidth;

  public ProgressLine(PrintStream out, Supplier<String> status, boolean enabled) {
    this.out = out;
    this.status = status;
    this.enabled = enabled;
  }

  /** Enabled only on an interactive terminal. */
  public static ProgressLine onTerminal(Supplier<String> status) {
    return new ProgressLine(System.err, status, System.console() != null
        && System.getenv("PAPERSIFT_NO_PROGRESS") == null);
  }

  public ProgressLine start() {
    if (enabled) {
      ticker = Thread.ofPlatform().daemon().name("progress").start(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            draw();
            Thread.sleep(200);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    return this;
  }

  /** Prints a message above the progress line. */
  public synchronized void println(String message) {
    clear();
    out.println(message);
  }

  private synchronized void draw() {
    String s = status.get();
    out.print("\r" + s + " ".repeat(Math.max(0, lastWidth - s.length())));
    out.flush();
    lastWidth = s.length();
  }

  private void clear() {
    if (enabled && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
      lastWidth = 0;
    }
  }

  /** A bar like [#####.....] 50%. */
  public static String bar(double fraction, int width) {
    double f = Math.max(0, Math.min(1, fraction));
    int full = (int) Math.round(f * width);
    return "[" + "#".repeat(full) + ".".repeat(width - full) + "] "
        + String.format("%3d%%", Math.round(f * 100));
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.interrupt();
      ticker = null;
    }
    clear();
    out.flush();
  }
}
