-- Version 1: users, sessions, join tokens, nodes, jobs and the audit log.
-- Times are microseconds since 1970 (BIGINT). Text compares byte by byte without padding
-- (utf8mb4_nopad_bin), so that case and trailing spaces matter as they do in the other databases.
-- Keys are VARCHAR because MariaDB cannot index TEXT whole.
CREATE TABLE users (
    username      VARCHAR(255) NOT NULL PRIMARY KEY,
    role          VARCHAR(32) NOT NULL,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL,
    locked_until  BIGINT,
    created_at    BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE sessions (
    token_hash VARCHAR(128) NOT NULL PRIMARY KEY,
    username   VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    CONSTRAINT sessions_of_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE,
    INDEX sessions_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE join_tokens (
    id         VARCHAR(255) NOT NULL PRIMARY KEY,
    token_hash VARCHAR(128) NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    used_by    VARCHAR(63),
    revoked    BOOLEAN NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE nodes (
    id                 VARCHAR(63) NOT NULL PRIMARY KEY,
    hostname           TEXT NOT NULL,
    certificate_serial TEXT NOT NULL,
    enrolled_at        BIGINT NOT NULL,
    last_heartbeat     BIGINT,
    resources          MEDIUMTEXT NOT NULL,
    labels             MEDIUMTEXT NOT NULL,
    drained            BOOLEAN NOT NULL,
    revoked_at         BIGINT
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE jobs (
    id           CHAR(36) NOT NULL PRIMARY KEY,
    spec         LONGTEXT NOT NULL,
    owner        VARCHAR(255) NOT NULL,
    state        VARCHAR(16) NOT NULL,
    attempt      INTEGER NOT NULL,
    node         VARCHAR(63),
    submitted_at BIGINT NOT NULL,
    started_at   BIGINT,
    finished_at  BIGINT,
    exit_code    INTEGER,
    output_tail  MEDIUMBLOB NOT NULL,
    reason       TEXT NOT NULL,
    INDEX jobs_by_time (submitted_at, id),
    INDEX jobs_by_state (state, submitted_at),
    INDEX jobs_by_owner (owner, submitted_at),
    INDEX jobs_by_node (node, submitted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE audit_log (
    seq            BIGINT NOT NULL PRIMARY KEY,
    at             BIGINT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    target         TEXT NOT NULL,
    source_address TEXT NOT NULL,
    detail         TEXT NOT NULL,
    previous_hash  CHAR(64) NOT NULL,
    hash           CHAR(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- The last row's number and hash, kept apart from the rows so that removing the newest rows shows. Its one
-- row is also the lock that numbers appends without gaps.
CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash CHAR(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
