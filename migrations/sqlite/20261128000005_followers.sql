-- Residents who follow a request they did not make: told before submitting that the same problem was
-- already reported nearby, they follow that request instead of making a second one. Updates on it
-- (issue 5) go to them too. They see its service, address and status, never who made it.

CREATE TABLE request_followers (
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (request_id, account_id)
) STRICT;

CREATE INDEX request_followers_by_account ON request_followers (account_id);
