-- The receipt goes through the notification outbox like every other message: written in the submission's
-- transaction, sent (and retried) by the worker, so a mail server that is down delays it and a restart
-- neither loses nor repeats it. A receipt belongs to a request and has no event: `event_id` becomes
-- optional and every row names its request. SQLite cannot loosen a NOT NULL column, so the table is
-- rebuilt (nothing refers to it).
CREATE TABLE notifications_new (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES requests (id),
    event_id        INTEGER REFERENCES request_events (id),  -- NULL: the request's receipt
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped', 'failed')),
    channel         TEXT CHECK (channel IN ('email', 'sms')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    sent_at         INTEGER
) STRICT;

INSERT INTO notifications_new (id, request_id, event_id, account_id, state, channel, attempts, next_attempt_at,
                               last_error, sent_at)
SELECT n.id, e.request_id, n.event_id, n.account_id, n.state, n.channel, n.attempts, n.next_attempt_at,
       n.last_error, n.sent_at
FROM notifications n JOIN request_events e ON e.id = n.event_id;

DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;

-- One message per event and person, and one receipt per request and person.
CREATE UNIQUE INDEX notifications_once ON notifications (event_id, account_id) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX receipts_once ON notifications (request_id, account_id) WHERE event_id IS NULL;
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE state = 'pending';
