-- Version 4: refresh tokens, in families that rotate on every use. Kept by hash only; each row names the
-- session (access token) issued with it, so that ending the family ends those sessions too.
CREATE TABLE refresh_tokens (
    token_hash        VARCHAR(128) NOT NULL PRIMARY KEY,
    family_id         VARCHAR(128) NOT NULL,
    username          VARCHAR(255) NOT NULL,
    access_token_hash VARCHAR(128) NOT NULL,
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    family_expires_at BIGINT NOT NULL,
    spent_at          BIGINT,
    revoked_at        BIGINT,
    CONSTRAINT refresh_tokens_of_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE,
    INDEX refresh_tokens_by_family (family_id),
    INDEX refresh_tokens_by_access_token (access_token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
