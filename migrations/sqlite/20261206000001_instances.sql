-- Several portal instances on one database (issue 18; on SQLite there is one, but the store is the same).
-- A notification a worker is sending is claimed until this time: no other worker takes it before then.
ALTER TABLE notifications ADD COLUMN claimed_until INTEGER;

-- Background jobs that must run once per period whichever instance gets there first (draft purge, file
-- sweeps...): when each last started.
CREATE TABLE jobs (
    name        TEXT PRIMARY KEY NOT NULL,
    started_at  INTEGER NOT NULL
) STRICT;

-- Rate limits that protect accounts, shared by the instances on PostgreSQL (app::accounts::ssr::limits):
-- per bucket, its theoretical arrival time in milliseconds. One SQLite instance counts in memory.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY NOT NULL,
    tat INTEGER NOT NULL
) STRICT;
