package org.papersift.core.account;

import java.time.Instant;

/** A paper saved to a user's library, with the user's own note (may be empty). */
public record LibraryEntry(String paperId, String note, Instant savedAt) {}
