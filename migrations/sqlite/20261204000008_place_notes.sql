-- Issue #16: a request can be at a corner, a named place or a point on the map, not only a civic address
-- (`address_id` is then NULL and `address` holds the place's label), and the resident may say where
-- exactly, in their own words: « côté nord, devant l'abribus ». Empty when they say nothing.
ALTER TABLE drafts ADD COLUMN place_note TEXT NOT NULL DEFAULT '' CHECK (length(place_note) <= 200);
ALTER TABLE requests ADD COLUMN place_note TEXT NOT NULL DEFAULT '' CHECK (length(place_note) <= 200);
