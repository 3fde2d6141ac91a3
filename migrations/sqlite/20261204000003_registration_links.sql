-- Issue #15 (account pre-hijacking): a registration's details travel with its e-mailed link and are applied
-- when the password is set through it. Whoever proves the address (only its owner can click the link)
-- decides the name and the number texts go to; details typed by someone else never reach a phone.
ALTER TABLE account_links ADD COLUMN name TEXT;
ALTER TABLE account_links ADD COLUMN mobile TEXT;
ALTER TABLE account_links ADD COLUMN lang TEXT CHECK (lang IN ('fr', 'en'));
ALTER TABLE account_links ADD COLUMN updates_by TEXT;
