-- Mail about an account itself (the "choose a new password" link) goes through the outbox like
-- every other mail (retries, bounces, the admin's view), but to an account, not to a digest
-- subscriber: a row now has either a subscriber or a user, never both. SQLite cannot relax a
-- NOT NULL column in place, so the table is rebuilt with the same rows, ids and indexes.
CREATE TABLE outbox_v7 (
  id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  dedupe_key      TEXT    NOT NULL UNIQUE,
  subscriber_id   INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
  user_id         INTEGER REFERENCES users (id) ON DELETE CASCADE,
  kind            TEXT    NOT NULL,
  period          TEXT    NOT NULL,
  recipient       TEXT    NOT NULL,
  status          TEXT    NOT NULL
                  CHECK (status IN ('planned', 'sending', 'sent', 'failed', 'bounced', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT    NOT NULL,
  claimed_until   TEXT,
  message_id      TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  eml             BLOB,
  last_error      TEXT,
  created_at      TEXT    NOT NULL,
  sent_at         TEXT,
  CHECK ((subscriber_id IS NULL) <> (user_id IS NULL))
);

INSERT INTO outbox_v7 (id, dedupe_key, subscriber_id, user_id, kind, period, recipient, status,
    attempts, next_attempt_at, claimed_until, message_id, subject, eml, last_error, created_at,
    sent_at)
  SELECT id, dedupe_key, subscriber_id, NULL, kind, period, recipient, status, attempts,
    next_attempt_at, claimed_until, message_id, subject, eml, last_error, created_at, sent_at
  FROM outbox;
-- AUTOINCREMENT: ids of the old table are never handed out again.
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'outbox')
  WHERE name = 'outbox_v7' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox');

DROP TABLE outbox;
ALTER TABLE outbox_v7 RENAME TO outbox;

CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'planned';
CREATE INDEX outbox_lease ON outbox (claimed_until, id) WHERE status = 'sending';
CREATE INDEX outbox_status ON outbox (status, id);
CREATE INDEX outbox_subscriber ON outbox (subscriber_id);
-- V5's index (dropped with the old table): counts of recent mails by kind.
CREATE INDEX outbox_kind_created ON outbox (kind, created_at);
-- The per-account limit on reset mails counts an account's recent rows of a kind.
CREATE INDEX outbox_user ON outbox (user_id, kind, created_at);
