-- Staff two-factor authentication (RFC 6238 codes from an authenticator app) and the devices a person is
-- signed in on.

-- One authenticator per account. The secret must be readable to check a code (it cannot be hashed); the
-- password, hashed, is still needed beside it. `confirmed_at` is NULL while the staff member enrols (the
-- QR code is shown again, the same, until a first code proves the app has it). `last_step` is the
-- 30-second step of the last code accepted: a code is never accepted twice.
CREATE TABLE second_factors (
    account_id      INTEGER PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    secret          BLOB NOT NULL,
    created_at      INTEGER NOT NULL,
    confirmed_at    INTEGER,
    last_step       INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Single-use codes for a lost phone, given once at enrolment; the database keeps their SHA-256.
CREATE TABLE recovery_codes (
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash       BLOB NOT NULL,
    used_at         INTEGER,
    PRIMARY KEY (account_id, code_hash)
) STRICT;

-- What the devices list shows: the browser and system a session was started from ("Firefox · Windows",
-- not the whole User-Agent), and whether the second factor was proven in it.
ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '' CHECK (length(device) <= 60);
ALTER TABLE sessions ADD COLUMN second_factor INTEGER NOT NULL DEFAULT 0 CHECK (second_factor IN (0, 1));
