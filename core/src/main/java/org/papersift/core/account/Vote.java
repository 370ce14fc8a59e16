package org.papersift.core.account;

import java.time.Instant;

/** One upvote: a user for a paper at a moment. Trending decays by {@code at}. */
public record Vote(long userId, String paperId, Instant at) {}
