-- Issue #16: a barrier to accessibility reported from the accessibility statement (AODA) goes to the
-- portal feedback list, flagged, with how to reach whoever reported it if they want an answer. A report
-- answers no "is it easy to use" question, so `easy` may be empty for it (and only for it). SQLite cannot
-- change a column's constraint: the table is rebuilt.
CREATE TABLE portal_feedback_new (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    easy            TEXT CHECK (easy IN ('yes', 'partly', 'no')),
    improve         TEXT NOT NULL DEFAULT '',
    barrier         INTEGER NOT NULL DEFAULT 0 CHECK (barrier IN (0, 1)),
    contact         TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    CHECK ((barrier = 1) = (easy IS NULL))
) STRICT;

INSERT INTO portal_feedback_new (id, account_id, lang, easy, improve, created_at)
    SELECT id, account_id, lang, easy, improve, created_at FROM portal_feedback;
DROP TABLE portal_feedback;
ALTER TABLE portal_feedback_new RENAME TO portal_feedback;
CREATE INDEX portal_feedback_by_date ON portal_feedback (created_at);
