-- Embeddings are derived data cached here so that reindexing never re-embeds: one vector per
-- paper and model, with a hash of the text it was computed from (a changed title or abstract
-- needs a new vector; a changed DOI does not).
CREATE TABLE paper_vectors (
  paper_id   TEXT NOT NULL,
  model      TEXT NOT NULL,
  text_hash  TEXT NOT NULL,
  vector     BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (paper_id, model)
);
