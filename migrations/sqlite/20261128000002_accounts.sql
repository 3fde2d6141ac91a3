-- Accounts: residents and staff, their sessions, the single-use links e-mailed to them, and the text-message
-- opt-in. Secrets are never stored: sessions and links keep only the SHA-256 of their random token, and
-- passwords only their argon2id hash. Times are Unix seconds (UTC).

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    -- NULL once the account is closed: the row stays so that requests keep a (nameless) author.
    email           TEXT UNIQUE COLLATE NOCASE,
    name            TEXT,
    mobile          TEXT,  -- E.164, e.g. +17055551234
    lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    updates_by      TEXT NOT NULL CHECK (updates_by IN ('email', 'sms', 'none')),
    -- Text messages start only after the resident replies OUI: pending, confirmed, or stopped (STOP).
    sms_status      TEXT NOT NULL DEFAULT 'none' CHECK (sms_status IN ('none', 'pending', 'confirmed', 'stopped')),
    role            TEXT NOT NULL DEFAULT 'resident' CHECK (role IN ('resident', 'agent', 'supervisor', 'admin')),
    password_hash   TEXT,  -- NULL until the resident follows the e-mailed link
    created_at      INTEGER NOT NULL,
    closed_at       INTEGER
) STRICT;

CREATE INDEX accounts_by_mobile ON accounts (mobile) WHERE mobile IS NOT NULL;

CREATE TABLE sessions (
    token_hash      BLOB PRIMARY KEY NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE account_links (
    token_hash      BLOB PRIMARY KEY NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose         TEXT NOT NULL CHECK (purpose IN ('set_password')),
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER
) STRICT;

CREATE INDEX account_links_by_account ON account_links (account_id);
