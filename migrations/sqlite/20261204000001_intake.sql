-- Agents serving phone, e-mail, counter and chat contacts: how each request came in, profiles agents make
-- for callers (no password), drafts an agent fills in on a caller's behalf, and the contact centre's log.

-- How a request came in. Every request before this one came through the portal.
ALTER TABLE requests ADD COLUMN channel TEXT NOT NULL DEFAULT 'web'
    CHECK (channel IN ('web', 'phone', 'email', 'counter', 'chat'));
CREATE INDEX requests_by_channel ON requests (channel, created_at);

-- A profile an agent made: who, and on which channel. Such a profile has no password until its resident
-- proves its e-mail address (the registration link); it may have a phone number and no e-mail at all,
-- so an open account's email may be NULL (closed_at, not a missing e-mail, says an account is closed).
ALTER TABLE accounts ADD COLUMN created_by INTEGER REFERENCES accounts (id);
ALTER TABLE accounts ADD COLUMN created_channel TEXT CHECK (created_channel IN ('phone', 'email', 'counter', 'chat'));

-- Finding a caller by any word of their name, accents or not ("cote" finds Côté), among 100 000 residents
-- in well under 20 ms (docs/PERFORMANCE.md): a full-text index over accounts.name, kept by triggers.
CREATE VIRTUAL TABLE account_names USING fts5 (
    name, content = 'accounts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO account_names (account_names) VALUES ('rebuild');
CREATE TRIGGER account_names_insert AFTER INSERT ON accounts
BEGIN
    INSERT INTO account_names (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER account_names_delete AFTER DELETE ON accounts
BEGIN
    INSERT INTO account_names (account_names, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER account_names_update AFTER UPDATE OF name ON accounts
BEGIN
    INSERT INTO account_names (account_names, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO account_names (rowid, name) VALUES (new.id, new.name);
END;

-- A draft an agent fills in for a caller: the agent owns it (account_id), the request will be the caller's.
ALTER TABLE drafts ADD COLUMN for_account INTEGER REFERENCES accounts (id);
ALTER TABLE drafts ADD COLUMN channel TEXT CHECK (channel IN ('phone', 'email', 'counter', 'chat'));
ALTER TABLE drafts ADD COLUMN lang TEXT CHECK (lang IN ('fr', 'en'));
-- Filed from a live chat: the conversation (the reference is posted into it), and its transcript, which
-- becomes the filing's internal note.
ALTER TABLE drafts ADD COLUMN chat_id INTEGER REFERENCES chat_conversations (id);
ALTER TABLE drafts ADD COLUMN intake_note TEXT NOT NULL DEFAULT '';

-- The audit log records who filed a request on whose behalf. request_events is append-only and other
-- tables refer to it, so its CHECK on `kind` stays as it is: a filing is an internal 'note' row by the
-- agent whose `on_behalf_of` names the caller (the note is what the agent wrote, or a chat's transcript).
ALTER TABLE request_events ADD COLUMN on_behalf_of INTEGER REFERENCES accounts (id);

-- Every contact an agent handles, counted by channel: a request filed for a caller, or an inquiry that
-- is not a request (most calls). An inquiry needs no personal data: `account_id` is optional.
CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'counter', 'chat')),
    lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    agent_id        INTEGER NOT NULL REFERENCES accounts (id),
    account_id      INTEGER REFERENCES accounts (id),
    kind            TEXT NOT NULL CHECK (kind IN ('request', 'inquiry')),
    request_id      INTEGER REFERENCES requests (id),   -- kind 'request'
    topic           TEXT,                               -- kind 'inquiry': a service code, NULL for "other"
    outcome         TEXT CHECK (outcome IN ('resolved', 'referred')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX contacts_by_time ON contacts (created_at);
CREATE INDEX contacts_by_account ON contacts (account_id) WHERE account_id IS NOT NULL;

-- Closing an account removes what identifies the person (accounts.rs); an inquiry's note may too.
CREATE TRIGGER contacts_forget_closed_accounts AFTER UPDATE OF closed_at ON accounts
WHEN new.closed_at IS NOT NULL
BEGIN
    UPDATE contacts SET note = '' WHERE account_id = new.id;
END;
