-- Mail: digest subscribers, topic alerts and the outbox of messages to send.
-- Times are UTC ISO-8601 text with a fixed nine-digit fraction (as in V3): text order is time order.

-- email as typed; email_key is its lower-case form, unique (as for users). A subscriber may
-- belong to an account (alerts and personal picks) or not (trending only); deleting the account
-- keeps the subscription as an anonymous one. Rows are never deleted on unsubscribe: the status
-- says so, and the id in old signed links keeps pointing at the same person.
CREATE TABLE subscribers (
  id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  email              TEXT    NOT NULL,
  email_key          TEXT    NOT NULL UNIQUE,
  user_id            INTEGER REFERENCES users (id) ON DELETE SET NULL,
  status             TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed')),
  cadence            TEXT    NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  send_hour          INTEGER NOT NULL CHECK (send_hour BETWEEN 0 AND 23),
  send_minute        INTEGER NOT NULL CHECK (send_minute BETWEEN 0 AND 59),
  time_zone          TEXT    NOT NULL,
  created_at         TEXT    NOT NULL,
  confirmed_at       TEXT,
  unsubscribed_at    TEXT,
  last_digest_period TEXT
);

CREATE INDEX subscribers_status ON subscribers (status, id);
CREATE INDEX subscribers_user ON subscribers (user_id);

-- A saved search of a reader; broken_reason is set when its query stops running.
CREATE TABLE alerts (
  id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name          TEXT    NOT NULL,
  query         TEXT    NOT NULL,
  created_at    TEXT    NOT NULL,
  broken_reason TEXT
);

CREATE INDEX alerts_user ON alerts (user_id, id);

-- One row per message, unique by dedupe_key = 'subscriber|kind|period': planning the same
-- message twice inserts nothing. eml holds the exact bytes sent over SMTP (headers included), so
-- every attempt sends the same message with the same Message-ID; it is NULL once dropped after
-- sending (the row and its key stay, so the message can never be planned again).
-- A row still planned when its subscriber unsubscribes is cancelled in the same transaction.
-- attempts counts claims; (id, attempts) names one claim, so a sender whose lease ran out cannot
-- overwrite the outcome of the claim that took over.
CREATE TABLE outbox (
  id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  dedupe_key      TEXT    NOT NULL UNIQUE,
  subscriber_id   INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
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
  sent_at         TEXT
);

-- Partial indexes for the sender: the rows it looks for stay few while sent rows pile up.
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'planned';
CREATE INDEX outbox_lease ON outbox (claimed_until, id) WHERE status = 'sending';
-- Counts by status and the admin's list of failed and bounced rows.
CREATE INDEX outbox_status ON outbox (status, id);
CREATE INDEX outbox_subscriber ON outbox (subscriber_id);
