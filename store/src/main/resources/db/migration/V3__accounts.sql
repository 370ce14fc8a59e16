-- Readers and what they keep: accounts, sign-in sessions, upvotes and personal libraries.
-- Times are UTC ISO-8601 text with a fixed nine-digit fraction, so text order is time order.
-- Papers are not foreign keys: a vote or a saved paper may come before the paper's (re-)ingest.

-- email as typed; email_key is its lower-case form, unique, so sign-up and sign-in ignore case.
CREATE TABLE users (
  id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  email         TEXT    NOT NULL,
  email_key     TEXT    NOT NULL UNIQUE,
  password_hash TEXT    NOT NULL,
  created_at    TEXT    NOT NULL
);

-- Only a hash of each session token is kept: a copy of the database signs nobody in.
CREATE TABLE sessions (
  token_hash TEXT    NOT NULL PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT    NOT NULL,
  expires_at TEXT    NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- One upvote per reader and paper; trending decays by voted_at.
CREATE TABLE votes (
  user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id TEXT    NOT NULL,
  voted_at TEXT    NOT NULL,
  PRIMARY KEY (user_id, paper_id)
);

CREATE INDEX votes_paper ON votes (paper_id);
CREATE INDEX votes_voted_at ON votes (voted_at);

CREATE TABLE library_items (
  user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id TEXT    NOT NULL,
  note     TEXT    NOT NULL,
  saved_at TEXT    NOT NULL,
  PRIMARY KEY (user_id, paper_id)
);
