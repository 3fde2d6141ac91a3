-- The city's civic address points, for the address field of a request (suggestions as one types, and the
-- nearest address to "use my location"). Loaded from the city's open-data CSV file by
-- `server import-addresses` (or the built-in representative file on first start); replaced as a whole.

CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY,  -- the city's own address-point id, stable across imports
    number      TEXT NOT NULL,        -- civic number with its suffix: 12, 12A
    street      TEXT NOT NULL,        -- full street name as written on signs: Paris St, Municipal Rd 80
    community   TEXT NOT NULL,        -- Sudbury, Val Caron, Azilda...
    latitude    REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude   REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180)
) STRICT;
