-- Accounts, grants, sessions, API tokens, login throttling and the audit log.
-- Times are unix seconds (BIGINT) except the audit log's ISO text, which is
-- part of each row's hashed canonical content.
CREATE TABLE app_user (
    id                  BIGSERIAL PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    created_at          BIGINT NOT NULL,
    last_login_at       BIGINT,
    password_changed_at BIGINT NOT NULL
);

CREATE TABLE user_grant (
    user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    scope   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, role, scope)
);

CREATE TABLE session (
    id_hash      TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX session_by_user ON session (user_id);

CREATE TABLE api_token (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    label        TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

CREATE TABLE token_grant (
    token_id BIGINT NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    scope    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (token_id, role, scope)
);

CREATE TABLE login_failure (
    key TEXT NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX login_failure_key ON login_failure (key, at);

CREATE TABLE password_reset_request (
    id     BIGSERIAL PRIMARY KEY,
    email  TEXT NOT NULL,
    at     BIGINT NOT NULL,
    client TEXT NOT NULL,
    handled_at BIGINT
);

CREATE TABLE audit_log (
    id          BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     BIGINT,
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
);
CREATE INDEX audit_log_user ON audit_log (user_email, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
-- Privileges too: nobody but the owner may change rows; deployments run the
-- application as a role that does not own the table (docs/ARCHITECTURE.md).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
