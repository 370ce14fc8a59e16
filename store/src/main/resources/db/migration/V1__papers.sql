-- Papers: one row per work, keyed by the arXiv id without version (or a source's stable id).
-- Lists are JSON arrays; categories keep the primary category first.
-- change_seq grows with every insert or change: the search index follows it.
CREATE TABLE papers (
  id               TEXT    NOT NULL PRIMARY KEY,
  version          INTEGER NOT NULL,
  title            TEXT    NOT NULL,
  abstract         TEXT,
  authors          TEXT    NOT NULL,
  categories       TEXT    NOT NULL,
  primary_category TEXT,
  published        TEXT,
  updated          TEXT,
  comment          TEXT,
  journal_ref      TEXT,
  doi              TEXT,
  license          TEXT,
  links            TEXT    NOT NULL,
  change_seq       BIGINT  NOT NULL UNIQUE,
  changed_at       TEXT    NOT NULL
);

CREATE INDEX papers_published ON papers (published);

-- Small named values that jobs keep between runs, e.g. where the last OAI-PMH harvest stopped.
CREATE TABLE job_state (
  name       TEXT NOT NULL PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
