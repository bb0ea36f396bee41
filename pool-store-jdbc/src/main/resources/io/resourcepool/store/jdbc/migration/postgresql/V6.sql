-- Version 6: building blocks for several hubs on one PostgreSQL (docs/STORE.md, "Building blocks for several
-- hubs"). The hub does not use them yet. Lease times are microseconds since 1970 by the database's clock (now()),
-- never a hub's.

-- hubs that announced themselves, live while lease_until is ahead of now()
CREATE TABLE hubs (
    hub_id         TEXT COLLATE "C" PRIMARY KEY,
    client_address TEXT NOT NULL,
    lease_until    BIGINT NOT NULL
);

-- which hub holds each node, and under which fencing token (from node_lease_tokens: never given twice)
CREATE SEQUENCE node_lease_tokens;
CREATE TABLE node_leases (
    node_id     TEXT COLLATE "C" PRIMARY KEY,
    hub_id      TEXT COLLATE "C" NOT NULL,
    token       BIGINT NOT NULL,
    lease_until BIGINT NOT NULL
);
CREATE INDEX node_leases_by_hub ON node_leases (hub_id);

-- messages between hubs, taken in id order with FOR UPDATE SKIP LOCKED
CREATE TABLE hub_handover (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_hub  TEXT COLLATE "C" NOT NULL,
    kind    TEXT COLLATE "C" NOT NULL,
    payload BYTEA NOT NULL,
    sent_at BIGINT NOT NULL
);
CREATE INDEX hub_handover_by_hub ON hub_handover (to_hub, id);

-- one row, bumped with every statement that writes a credential table, in its transaction, by the trigger below
CREATE TABLE credential_epoch (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    epoch BIGINT NOT NULL
);
INSERT INTO credential_epoch (id, epoch) VALUES (1, 0);

-- Runs BEFORE each statement, so a credential transaction takes the epoch row's lock before any credential row's:
-- the credential writers of all hubs queue on that one row and cannot deadlock on it. The notification (channel per
-- schema, as the store computes it) is delivered when the transaction commits, and not at all if it rolls back.
-- (One line: the migration runner splits scripts at semicolons that end a line.)
CREATE FUNCTION pool_credential_written() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE bumped BIGINT; BEGIN UPDATE credential_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch INTO bumped; PERFORM pg_notify('pool_credentials_' || substr(md5(TG_TABLE_SCHEMA), 1, 16), bumped::text); RETURN NULL; END $$;

CREATE TRIGGER users_credential_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION pool_credential_written();
CREATE TRIGGER sessions_credential_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION pool_credential_written();
CREATE TRIGGER user_mfa_credential_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_mfa
    FOR EACH STATEMENT EXECUTE FUNCTION pool_credential_written();
CREATE TRIGGER mfa_recovery_codes_credential_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON mfa_recovery_codes
    FOR EACH STATEMENT EXECUTE FUNCTION pool_credential_written();
CREATE TRIGGER refresh_tokens_credential_epoch BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON refresh_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION pool_credential_written();
