-- Issue #16: a resident changes their e-mail address. The new address is proven by a single-use link
-- sent to it (its token's SHA-256 only, as for account_links); the address changes when the link is
-- followed. One pending change per account: a new one retires the earlier.
CREATE TABLE email_changes (
    token_hash      BLOB PRIMARY KEY NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    new_email       TEXT NOT NULL,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER
) STRICT;

CREATE INDEX email_changes_by_account ON email_changes (account_id);
