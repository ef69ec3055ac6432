-- Accounts, grants, sessions, API tokens, login throttling and the audit log.
-- Times are unix seconds (INTEGER) except the audit log's ISO text, which is
-- part of each row's hashed canonical content.
CREATE TABLE app_user (
    id                  INTEGER PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,  -- stored lower-case
    name                TEXT NOT NULL,
    password_hash       TEXT NOT NULL,         -- Argon2id (libsodium crypto_pwhash_str)
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    created_at          INTEGER NOT NULL,
    last_login_at       INTEGER,
    password_changed_at INTEGER NOT NULL
) STRICT;

-- One row per role and scope value; scope '' for roles without scope.
CREATE TABLE user_grant (
    user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    scope   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, role, scope)
) STRICT;

CREATE TABLE session (
    id_hash      TEXT PRIMARY KEY,                -- BLAKE2b of the cookie value, hex
    user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX session_by_user ON session (user_id);

CREATE TABLE api_token (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    label        TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,            -- BLAKE2b of the token, hex
    prefix       TEXT NOT NULL,                   -- first characters, to recognise it in lists
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
) STRICT;

-- A token's grants: a subset of its user's grants when created; at use the
-- effective grants are these intersected with the user's current ones.
CREATE TABLE token_grant (
    token_id INTEGER NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    scope    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (token_id, role, scope)
) STRICT;

CREATE TABLE login_failure (
    key TEXT NOT NULL,      -- 'account:EMAIL' or 'ip:ADDRESS'
    at  INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failure_key ON login_failure (key, at);

CREATE TABLE password_reset_request (
    id     INTEGER PRIMARY KEY,
    email  TEXT NOT NULL,
    at     INTEGER NOT NULL,
    client TEXT NOT NULL,
    handled_at INTEGER
) STRICT;

-- Append-only: each row's hash is BLAKE2b(previous hash || canonical row).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER,
    user_email  TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    scope       TEXT NOT NULL,
    client      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_user ON audit_log (user_email, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
