package org.papersift.sources.file;

import org.papersift.core.paper.Paper;

/** Receives what a source read: papers, and records it had to reject. */
public interface RecordSink {
  /** A valid paper; {@code where} is "file:line". */
  void accept(Paper paper, String where);

  /** A record that could not be read; {@code where} is "file:line", {@code reason} says why. */
  void reject(String where, String reason);
}
