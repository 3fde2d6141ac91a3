-- Issue #15 (finding 10): complaints about people or their property (noise, by-law, a neighbour's dog)
-- are marked in the catalogue; the portal never suggests following one made nearby. The catalogue file
-- says which; the portal copies it here at startup.
ALTER TABLE services ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
