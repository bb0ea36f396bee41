-- Version 4: refresh tokens, in families that rotate on every use. Kept by hash only; each row names the
-- session (access token) issued with it, so that ending the family ends those sessions too.
CREATE TABLE refresh_tokens (
    token_hash        TEXT PRIMARY KEY NOT NULL,
    family_id         TEXT NOT NULL,
    username          TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    access_token_hash TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    family_expires_at INTEGER NOT NULL,
    spent_at          INTEGER,
    revoked_at        INTEGER
) STRICT;
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (username);
CREATE INDEX refresh_tokens_by_access_token ON refresh_tokens (access_token_hash);
