-- The catalogue: categories, services (online) and topics (not online), and the questions a request asks.
-- Loaded at start-up from the city's catalogue file. Rows are never deleted, only made inactive, because
-- requests will refer to them. Bilingual text is one column per language; short lists (what to prepare,
-- keywords, choices) are JSON arrays in TEXT columns.

CREATE TABLE categories (
    code            TEXT PRIMARY KEY NOT NULL,
    position        INTEGER NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    name_fr         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    description_fr  TEXT NOT NULL,
    description_en  TEXT NOT NULL
) STRICT;

CREATE TABLE services (
    code                TEXT PRIMARY KEY NOT NULL,
    category_code       TEXT NOT NULL REFERENCES categories (code),
    position            INTEGER NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    online              INTEGER NOT NULL CHECK (online IN (0, 1)),
    service_level_days  INTEGER CHECK (service_level_days > 0),
    name_fr             TEXT NOT NULL,
    name_en             TEXT NOT NULL,
    summary_fr          TEXT NOT NULL,
    summary_en          TEXT NOT NULL,
    description_fr      TEXT NOT NULL,
    description_en      TEXT NOT NULL,
    prepare             TEXT NOT NULL,  -- {"fr": [...], "en": [...]}
    keywords            TEXT NOT NULL   -- {"fr": [...], "en": [...]}
) STRICT;

CREATE INDEX services_by_category ON services (category_code, position);

CREATE TABLE service_questions (
    service_code  TEXT NOT NULL REFERENCES services (code),
    code          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    datatype      TEXT NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required      INTEGER NOT NULL CHECK (required IN (0, 1)),
    label_fr      TEXT NOT NULL,
    label_en      TEXT NOT NULL,
    help_fr       TEXT,
    help_en       TEXT,
    choices       TEXT NOT NULL,  -- [{"key": ..., "fr": ..., "en": ...}]
    PRIMARY KEY (service_code, code)
) STRICT;
