-- Version 1: users, sessions, join tokens, nodes, jobs and the audit log.
-- Times are microseconds since 1970 (BIGINT). Keys and names compare byte by byte (COLLATE "C"), so that
-- order and equality are the same as in the other databases.
CREATE TABLE users (
    username      TEXT COLLATE "C" PRIMARY KEY,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL,
    locked_until  BIGINT,
    created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    username   TEXT COLLATE "C" NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX sessions_by_user ON sessions (username);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE join_tokens (
    id         TEXT COLLATE "C" PRIMARY KEY,
    token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    used_by    TEXT,
    revoked    BOOLEAN NOT NULL
);

CREATE TABLE nodes (
    id                 TEXT COLLATE "C" PRIMARY KEY,
    hostname           TEXT NOT NULL,
    certificate_serial TEXT NOT NULL,
    enrolled_at        BIGINT NOT NULL,
    last_heartbeat     BIGINT,
    resources          TEXT NOT NULL,
    labels             TEXT NOT NULL,
    drained            BOOLEAN NOT NULL,
    revoked_at         BIGINT
);

CREATE TABLE jobs (
    id           TEXT COLLATE "C" PRIMARY KEY,
    spec         TEXT NOT NULL,
    owner        TEXT COLLATE "C" NOT NULL,
    state        TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    node         TEXT COLLATE "C",
    submitted_at BIGINT NOT NULL,
    started_at   BIGINT,
    finished_at  BIGINT,
    exit_code    INTEGER,
    output_tail  BYTEA NOT NULL,
    reason       TEXT NOT NULL
);
CREATE INDEX jobs_by_time ON jobs (submitted_at, id);
CREATE INDEX jobs_by_state ON jobs (state, submitted_at);
CREATE INDEX jobs_by_owner ON jobs (owner, submitted_at);
CREATE INDEX jobs_by_node ON jobs (node, submitted_at);

CREATE TABLE audit_log (
    seq            BIGINT PRIMARY KEY,
    at             BIGINT NOT NULL,
    actor          TEXT COLLATE "C" NOT NULL,
    action         TEXT COLLATE "C" NOT NULL,
    target         TEXT NOT NULL,
    source_address TEXT NOT NULL,
    detail         TEXT NOT NULL,
    previous_hash  TEXT NOT NULL,
    hash           TEXT NOT NULL
);

-- The last row's number and hash, kept apart from the rows so that removing the newest rows shows. Its one
-- row is also the lock that numbers appends without gaps.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
