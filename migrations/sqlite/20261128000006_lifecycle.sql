-- What happens to a request after it is submitted: staff move it along, the resident adds to it, both
-- see its timeline; notifications leave through a durable outbox; residents answer a survey and anyone
-- may tell us about the portal itself.

-- `version` goes up with every staff change: a form carries the version it was read at, and the change
-- is refused if the request moved since (two agents on one request). `due_on` is the day the service
-- level promises (working days, holidays skipped), in the city's calendar. `attention` tells the queue
-- that the resident added something (an update, or "not resolved") since staff last acted.
ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE requests ADD COLUMN due_on TEXT;
ALTER TABLE requests ADD COLUMN team TEXT;
ALTER TABLE requests ADD COLUMN close_reason TEXT CHECK (close_reason IN ('duplicate', 'not_city', 'no_action', 'cancelled'));
ALTER TABLE requests ADD COLUMN duplicate_of INTEGER REFERENCES requests (id);
ALTER TABLE requests ADD COLUMN attention TEXT CHECK (attention IN ('update', 'reopened'));
ALTER TABLE requests ADD COLUMN updated_at INTEGER;

-- The staff queue, oldest first: open requests (its default view), one status, a service's, overdue
-- ones, those the resident added to. The partial indexes' condition is the one the queue writes.
CREATE INDEX requests_open_by_age ON requests (created_at) WHERE status NOT IN ('completed', 'closed');
CREATE INDEX requests_by_status ON requests (status, created_at);
CREATE INDEX requests_by_service_status ON requests (service_code, status, created_at);
CREATE INDEX requests_due ON requests (due_on) WHERE status NOT IN ('completed', 'closed');
CREATE INDEX requests_attention ON requests (created_at) WHERE attention IS NOT NULL;

-- The timeline, and the audit log of every staff action: rows are only ever added.
CREATE TABLE request_events (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES requests (id),
    at              INTEGER NOT NULL,
    actor_id        INTEGER REFERENCES accounts (id),  -- NULL: the portal itself
    actor_role      TEXT NOT NULL CHECK (actor_role IN ('portal', 'resident', 'staff')),
    kind            TEXT NOT NULL CHECK (kind IN ('status', 'note', 'update', 'assigned', 'reopened')),
    status          TEXT,             -- kind 'status': the new status
    reason          TEXT,             -- kind 'status' to closed: why
    duplicate_of    TEXT,             -- closed as a duplicate: the other request's reference
    team            TEXT,             -- kind 'assigned'
    note            TEXT NOT NULL DEFAULT '',
    public          INTEGER NOT NULL CHECK (public IN (0, 1))  -- does the resident see the note?
) STRICT;

CREATE INDEX request_events_by_request ON request_events (request_id, id);

CREATE TRIGGER request_events_are_never_changed BEFORE UPDATE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;

CREATE TRIGGER request_events_are_never_deleted BEFORE DELETE ON request_events
BEGIN
    SELECT RAISE(ABORT, 'request_events is append-only');
END;

-- Photos a resident adds with an update belong to the request and to that update.
ALTER TABLE attachments ADD COLUMN event_id INTEGER REFERENCES request_events (id);

-- One row per person to tell about an event, written in the same transaction as the event: an event is
-- never without its notifications. The worker sends due rows and marks them; a failure is retried later
-- (`next_attempt_at`, backing off). How (e-mail, text, nothing) is decided when sending, from the
-- account's preferences at that time.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES request_events (id),
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped', 'failed')),
    channel         TEXT CHECK (channel IN ('email', 'sms')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    sent_at         INTEGER,
    UNIQUE (event_id, account_id)
) STRICT;

CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE state = 'pending';

-- The satisfaction survey: one per request, by the resident who made it, editable for 14 days.
CREATE TABLE surveys (
    request_id      INTEGER PRIMARY KEY REFERENCES requests (id),
    ease            INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
    satisfaction    INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    resolved        INTEGER CHECK (resolved IN (0, 1)),  -- asked once the request is completed
    comment         TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;

-- "Aidez-nous à mieux vous servir": about the portal itself, from anyone.
CREATE TABLE portal_feedback (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    easy            TEXT NOT NULL CHECK (easy IN ('yes', 'partly', 'no')),
    improve         TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX portal_feedback_by_date ON portal_feedback (created_at);
