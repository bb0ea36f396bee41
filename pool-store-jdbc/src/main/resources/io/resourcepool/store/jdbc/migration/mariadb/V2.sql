-- Version 2: second factors. The TOTP seed arrives sealed by the hub (AES-GCM); recovery codes are kept only
-- as hashes, one row each, so that spending one is a single DELETE.
CREATE TABLE user_mfa (
    username           VARCHAR(255) NOT NULL PRIMARY KEY,
    sealed_seed        TEXT NOT NULL,
    last_accepted_step BIGINT NOT NULL,
    enabled_at         BIGINT NOT NULL,
    CONSTRAINT mfa_of_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

CREATE TABLE mfa_recovery_codes (
    username  VARCHAR(255) NOT NULL,
    code_hash VARCHAR(128) NOT NULL,
    PRIMARY KEY (username, code_hash),
    CONSTRAINT recovery_codes_of_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
