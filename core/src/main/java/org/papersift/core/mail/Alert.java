package org.papersift.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * A saved search that becomes a section of its owner's digest: new papers matching the query.
 *
 * @param query as the search page takes it, filters and negative terms included
 * @param brokenReason why the query no longer runs (e.g. it stopped parsing after an upgrade), in
 *     words for the owner, or null when it runs
 */
public record Alert(long id, long userId, String name, String query, Instant createdAt,
    String brokenReason) {
  public Alert {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean broken() {
    return brokenReason != null;
  }
}
