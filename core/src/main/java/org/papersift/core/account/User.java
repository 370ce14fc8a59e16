package org.papersift.core.account;

import java.time.Instant;

/** A signed-up reader. The email is stored as typed, compared without regard to case. */
public record User(long id, String email, Instant createdAt) {}
