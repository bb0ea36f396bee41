-- Version 2: second factors. The TOTP seed arrives sealed by the hub (AES-GCM); recovery codes are kept only
-- as hashes, one row each, so that spending one is a single DELETE.
CREATE TABLE user_mfa (
    username           TEXT COLLATE "C" PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
    sealed_seed        TEXT NOT NULL,
    last_accepted_step BIGINT NOT NULL,
    enabled_at         BIGINT NOT NULL
);

CREATE TABLE mfa_recovery_codes (
    username  TEXT COLLATE "C" NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    code_hash TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (username, code_hash)
);
