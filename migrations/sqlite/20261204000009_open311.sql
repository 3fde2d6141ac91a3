-- Issue #17: the Open311 GeoReport v2 API.
-- A service whose requests' first photo the API may show (as a thumbnail); the catalogue file says which.
ALTER TABLE services ADD COLUMN public_photos INTEGER NOT NULL DEFAULT 0 CHECK (public_photos IN (0, 1));

-- GET requests: newest first within a window of requested_datetime, and the same by last change
-- (updated_after/updated_before; a request never changed counts from when it was made).
CREATE INDEX requests_by_created ON requests (created_at, id);
CREATE INDEX requests_by_updated ON requests (coalesce(updated_at, created_at));
-- servicerequestupdates: the public timeline in a window of time.
CREATE INDEX request_events_by_time ON request_events (at);
