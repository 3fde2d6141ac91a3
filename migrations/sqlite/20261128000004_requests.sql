-- Service requests and what leads to them.
--
-- A draft holds what a resident has entered so far, step by step; its random id is in the wizard's
-- address and is also the submission's idempotency key: submitting the same draft twice returns the same
-- request. Submitting moves the draft's answers and files onto a request in one transaction and deletes
-- the draft. Files (photos, PDF) are stored in the object store under their own random id, never under the
-- name they were uploaded with. Times are Unix seconds (UTC).

CREATE TABLE drafts (
    id              TEXT PRIMARY KEY NOT NULL,
    account_id      INTEGER REFERENCES accounts (id) ON DELETE CASCADE,  -- NULL until someone signed in touches it
    service_code    TEXT NOT NULL REFERENCES services (code),
    address_id      INTEGER,              -- the chosen address point (a copy of it follows)
    address         TEXT,                 -- "200 Brady St, Sudbury"
    latitude        REAL,
    longitude       REAL,
    answers         TEXT NOT NULL DEFAULT '{}',  -- {"question code": ["value", ...]}
    description     TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX drafts_by_age ON drafts (updated_at);

-- Gap-free reference numbers: the counter moves in the same transaction as the request it numbers.
CREATE TABLE reference_counters (
    year    INTEGER PRIMARY KEY,
    last    INTEGER NOT NULL
) STRICT;

CREATE TABLE requests (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,          -- 2026-000042
    idempotency_key TEXT NOT NULL UNIQUE,          -- the draft's id
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    service_code    TEXT NOT NULL REFERENCES services (code),
    status          TEXT NOT NULL DEFAULT 'received',
    address_id      INTEGER,
    address         TEXT NOT NULL,
    latitude        REAL NOT NULL,
    longitude       REAL NOT NULL,
    description     TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    created_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX requests_by_account ON requests (account_id, created_at);
-- "Is there already an open request for this service near here?"
CREATE INDEX requests_open_by_service ON requests (service_code, latitude) WHERE status <> 'closed' AND status <> 'completed';

CREATE TABLE request_answers (
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    question    TEXT NOT NULL,
    value       TEXT NOT NULL,  -- a choice key, or the text typed; one row per chosen value
    position    INTEGER NOT NULL,
    PRIMARY KEY (request_id, question, position)
) STRICT;

CREATE TABLE attachments (
    id              TEXT PRIMARY KEY NOT NULL,  -- random; the object key is files/<id>, thumbnails thumbs/<id>.jpg
    draft_id        TEXT REFERENCES drafts (id) ON DELETE SET NULL,
    request_id      INTEGER REFERENCES requests (id),
    kind            TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
    content_type    TEXT NOT NULL,              -- image/jpeg, image/png, application/pdf
    name            TEXT NOT NULL,              -- what the resident called it, for display only
    size            INTEGER NOT NULL,
    thumbnail       INTEGER NOT NULL DEFAULT 0 CHECK (thumbnail IN (0, 1)),
    created_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX attachments_by_draft ON attachments (draft_id) WHERE draft_id IS NOT NULL;
CREATE INDEX attachments_by_request ON attachments (request_id) WHERE request_id IS NOT NULL;
