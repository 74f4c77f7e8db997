-- An admin key belongs to a person: `GET /api/v1/me` names them
-- (docs/admin-api.md, "Who the key belongs to"). Keys minted before this
-- migration have no owner recorded.
ALTER TABLE admin_keys ADD COLUMN owner_id TEXT;
