-- Digest options. send_empty: 1 when the subscriber asked for a digest even on days when no
-- section has a paper (by default an empty digest is not sent, and its period is still recorded).
ALTER TABLE subscribers ADD COLUMN send_empty INTEGER NOT NULL DEFAULT 0;

-- Confirmation mails are rate limited by their recent rows (per subscriber and for everyone):
-- find a kind's recent rows without reading the sent history.
CREATE INDEX outbox_kind_created ON outbox (kind, created_at);
