-- Issue #17: requests filed through the Open311 API, by clients holding a key.
--
-- The `requests.channel` CHECK must take 'open311', and SQLite cannot change a CHECK: the table is made
-- again, SQLite's way (a new table, the rows copied, the old one dropped, the new one renamed, its
-- indexes made again). Foreign keys are off while migrations run (`store/sqlite/mod.rs`: with them on,
-- dropping `requests` would delete its answers and followers) and checked after. Other tables'
-- references name `requests`, so they point at the new one.

-- A client's key: the database keeps its SHA-256 only (the key is shown once, by `server create-api-key`).
-- Each key files the requests that come without the reporter's contact as its own profile (`account_id`,
-- a profile with no e-mail address, phone or password, named after the key). A revoked key is kept, so
-- that its requests still say which client sent them; a name is unique among the keys in use.
CREATE TABLE api_keys (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    key_hash        BLOB NOT NULL UNIQUE,
    rate_per_minute INTEGER NOT NULL CHECK (rate_per_minute > 0),
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    created_at      INTEGER NOT NULL,
    revoked_at      INTEGER
) STRICT;
CREATE UNIQUE INDEX api_keys_in_use ON api_keys (name) WHERE revoked_at IS NULL;

-- A profile made for a reporter an API client named (their e-mail address or phone number).
ALTER TABLE accounts ADD COLUMN created_by_key INTEGER REFERENCES api_keys (id);

CREATE TABLE requests_new (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,          -- 2026-000042
    idempotency_key TEXT NOT NULL UNIQUE,          -- the draft's id (a random one for the API's)
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    service_code    TEXT NOT NULL REFERENCES services (code),
    status          TEXT NOT NULL DEFAULT 'received',
    address_id      INTEGER,
    address         TEXT NOT NULL,
    latitude        REAL NOT NULL,
    longitude       REAL NOT NULL,
    description     TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    created_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    due_on          TEXT,
    team            TEXT,
    close_reason    TEXT CHECK (close_reason IN ('duplicate', 'not_city', 'no_action', 'cancelled')),
    duplicate_of    INTEGER REFERENCES requests (id),
    attention       TEXT CHECK (attention IN ('update', 'reopened')),
    updated_at      INTEGER,
    channel         TEXT NOT NULL DEFAULT 'web'
        CHECK (channel IN ('web', 'phone', 'email', 'counter', 'chat', 'open311')),
    place_note      TEXT NOT NULL DEFAULT '' CHECK (length(place_note) <= 200),
    -- The client that filed it (channel 'open311').
    api_key_id      INTEGER REFERENCES api_keys (id),
    CHECK ((channel = 'open311') = (api_key_id IS NOT NULL))
) STRICT;

INSERT INTO requests_new (id, reference, idempotency_key, account_id, service_code, status, address_id, address,
    latitude, longitude, description, lang, created_at, version, due_on, team, close_reason, duplicate_of,
    attention, updated_at, channel, place_note)
SELECT id, reference, idempotency_key, account_id, service_code, status, address_id, address,
    latitude, longitude, description, lang, created_at, version, due_on, team, close_reason, duplicate_of,
    attention, updated_at, channel, place_note
FROM requests;

DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;

CREATE INDEX requests_by_account ON requests (account_id, created_at);
CREATE INDEX requests_open_by_service ON requests (service_code, latitude) WHERE status <> 'closed' AND status <> 'completed';
CREATE INDEX requests_open_by_age ON requests (created_at) WHERE status NOT IN ('completed', 'closed');
CREATE INDEX requests_by_status ON requests (status, created_at);
CREATE INDEX requests_by_service_status ON requests (service_code, status, created_at);
CREATE INDEX requests_due ON requests (due_on) WHERE status NOT IN ('completed', 'closed');
CREATE INDEX requests_attention ON requests (created_at) WHERE attention IS NOT NULL;
CREATE INDEX requests_by_channel ON requests (channel, created_at);
CREATE INDEX requests_by_created ON requests (created_at, id);
CREATE INDEX requests_by_updated ON requests (coalesce(updated_at, created_at));
