-- Version 2: second factors. The TOTP seed arrives sealed by the hub (AES-GCM); recovery codes are kept only
-- as hashes, one row each, so that spending one is a single DELETE.
CREATE TABLE user_mfa (
    username           TEXT PRIMARY KEY NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    sealed_seed        TEXT NOT NULL,
    last_accepted_step INTEGER NOT NULL,
    enabled_at         INTEGER NOT NULL
) STRICT;

CREATE TABLE mfa_recovery_codes (
    username  TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (username, code_hash)
) STRICT;
