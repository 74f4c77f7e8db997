-- The sandbox's organization: one row, the state the admin API reads and changes.
CREATE TABLE org (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    created         TEXT NOT NULL,
    sso_saml        INTEGER NOT NULL,
    sso_strict      INTEGER NOT NULL,
    scim_enabled    INTEGER NOT NULL DEFAULT 0,
    idp             TEXT,
    scim_enabled_at TEXT,
    token_hash      BLOB,
    token_created   TEXT,
    token_expires   TEXT,
    token_last_used TEXT
);

CREATE TABLE admin_keys (
    id      INTEGER PRIMARY KEY,
    hash    BLOB NOT NULL,
    created TEXT NOT NULL,
    revoked TEXT
);

-- Users and groups share one table: same metadata, same paging, one uniqueness rule
-- per kind (userName or displayName, case-insensitive).
CREATE TABLE resources (
    seq           INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('User', 'Group')),
    id            TEXT NOT NULL UNIQUE,
    name_lc       TEXT NOT NULL,
    display       TEXT NOT NULL,
    external_id   TEXT,
    managed_by    TEXT NOT NULL CHECK (managed_by IN ('idp', 'local')),
    reserved      INTEGER NOT NULL DEFAULT 0,
    data          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created       TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    UNIQUE (kind, name_lc)
);
CREATE INDEX resources_kind_seq ON resources (kind, seq);
CREATE INDEX resources_kind_external_id ON resources (kind, external_id);

CREATE TABLE members (
    group_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
) WITHOUT ROWID;
CREATE INDEX members_member ON members (member_id);

CREATE TABLE invites (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    created    TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'revoked')),
    revoked_at TEXT
);
