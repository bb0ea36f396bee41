-- Version 4: refresh tokens, in families that rotate on every use. Kept by hash only; each row names the
-- session (access token) issued with it, so that ending the family ends those sessions too.
CREATE TABLE refresh_tokens (
    token_hash        TEXT COLLATE "C" PRIMARY KEY,
    family_id         TEXT COLLATE "C" NOT NULL,
    username          TEXT COLLATE "C" NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    access_token_hash TEXT COLLATE "C" NOT NULL,
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    family_expires_at BIGINT NOT NULL,
    spent_at          BIGINT,
    revoked_at        BIGINT
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (username);
CREATE INDEX refresh_tokens_by_access_token ON refresh_tokens (access_token_hash);
