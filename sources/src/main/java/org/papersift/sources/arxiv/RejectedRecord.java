package org.papersift.sources.arxiv;

/**
 * A record or entry that could not become a paper. Reported instead of thrown so one bad record
 * does not cost the rest of its page.
 *
 * @param identifier the OAI identifier or Atom entry id, as the response gave it
 */
public record RejectedRecord(String identifier, String reason) {}
