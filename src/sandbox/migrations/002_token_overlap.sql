-- A rotation with an overlap keeps the replaced token valid for a while
-- (docs/admin-api.md, "Rotating without an outage"). The current token also
-- records its first use, so the switch of the IdP can be told from a validation call.
ALTER TABLE org ADD COLUMN token_first_used TEXT;
ALTER TABLE org ADD COLUMN prev_hash        BLOB;
ALTER TABLE org ADD COLUMN prev_created     TEXT;
ALTER TABLE org ADD COLUMN prev_expires     TEXT;
ALTER TABLE org ADD COLUMN prev_valid_until TEXT;
ALTER TABLE org ADD COLUMN prev_first_used  TEXT;
ALTER TABLE org ADD COLUMN prev_last_used   TEXT;
ALTER TABLE org ADD COLUMN prev_ended       TEXT;
ALTER TABLE org ADD COLUMN prev_end_reason  TEXT;
ALTER TABLE org ADD COLUMN settle_seconds   INTEGER;
-- The first use of the current token after the previous token's last use.
ALTER TABLE org ADD COLUMN new_alone_since  TEXT;
