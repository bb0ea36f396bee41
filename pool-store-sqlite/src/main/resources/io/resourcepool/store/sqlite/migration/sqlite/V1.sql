-- Version 1: users, sessions, join tokens, nodes, jobs and the audit log.
-- Times are microseconds since 1970. STRICT tables refuse values of the wrong type. Text compares byte by
-- byte (SQLite's default BINARY collation), as in the other databases.
CREATE TABLE users (
    username      TEXT PRIMARY KEY NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL,
    locked_until  INTEGER,
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    username   TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;
CREATE INDEX sessions_by_user ON sessions (username);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE join_tokens (
    id         TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    used_by    TEXT,
    revoked    INTEGER NOT NULL
) STRICT;

CREATE TABLE nodes (
    id                 TEXT PRIMARY KEY NOT NULL,
    hostname           TEXT NOT NULL,
    certificate_serial TEXT NOT NULL,
    enrolled_at        INTEGER NOT NULL,
    last_heartbeat     INTEGER,
    resources          TEXT NOT NULL,
    labels             TEXT NOT NULL,
    drained            INTEGER NOT NULL,
    revoked_at         INTEGER
) STRICT;

CREATE TABLE jobs (
    id           TEXT PRIMARY KEY NOT NULL,
    spec         TEXT NOT NULL,
    owner        TEXT NOT NULL,
    state        TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    node         TEXT,
    submitted_at INTEGER NOT NULL,
    started_at   INTEGER,
    finished_at  INTEGER,
    exit_code    INTEGER,
    output_tail  BLOB NOT NULL,
    reason       TEXT NOT NULL
) STRICT;
CREATE INDEX jobs_by_time ON jobs (submitted_at, id);
CREATE INDEX jobs_by_state ON jobs (state, submitted_at);
CREATE INDEX jobs_by_owner ON jobs (owner, submitted_at);
CREATE INDEX jobs_by_node ON jobs (node, submitted_at);

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY NOT NULL,
    at             INTEGER NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    target         TEXT NOT NULL,
    source_address TEXT NOT NULL,
    detail         TEXT NOT NULL,
    previous_hash  TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;

-- The last row's number and hash, kept apart from the rows so that removing the newest rows shows.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
