package org.papersift.core.account;

/** A user and the encoded password hash to check a sign-in against. */
public record Credentials(User user, String passwordHash) {}
