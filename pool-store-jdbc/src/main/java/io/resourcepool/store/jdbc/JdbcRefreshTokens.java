package io.resourcepool.store.jdbc;

import io.resourcepool.api.spi.store.RefreshTokenRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Refresh tokens and their families, in the {@code refresh_tokens} table; the credential store's part. */
final class JdbcRefreshTokens {
    private static final String COLUMNS =
            "token_hash, family_id, username, access_token_hash, created_at, expires_at, family_expires_at, spent_at, revoked_at";

    /** Tokens of families that ran out their absolute lifetime, or were revoked, before a time. */
    private static final OldRows ENDED_FAMILIES = new OldRows("refresh_tokens", "token_hash",
            "(family_expires_at < ? OR revoked_at < ?)");

    private final Database db;

    JdbcRefreshTokens(Database db) {
        this.db = db;
    }

    void create(RefreshTokenRecord t) {
        Objects.requireNonNull(t, "token must be given");
        db.update("create a refresh token for " + t.username(), "INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p -> p.text(t.tokenHash()).text(t.familyId()).text(t.username()).text(t.accessTokenHash()).time(t.createdAt())
                        .time(t.expiresAt()).time(t.familyExpiresAt()).optionalTime(t.spentAt()).optionalTime(t.revokedAt()));
    }

    Optional<RefreshTokenRecord> find(String tokenHash) {
        return db.queryOne("find a refresh token", "SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = ?",
                p -> p.text(tokenHash), JdbcRefreshTokens::token);
    }

    Optional<RefreshTokenRecord> issuedWith(String accessTokenHash) {
        return db.queryOne("find the refresh token of a session", "SELECT " + COLUMNS + " FROM refresh_tokens WHERE access_token_hash = ?",
                p -> p.text(accessTokenHash), JdbcRefreshTokens::token);
    }

    boolean spend(String tokenHash, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return db.update("spend a refresh token",
                "UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL AND revoked_at IS NULL",
                p -> p.time(at).text(tokenHash)) == 1;
    }

    int endFamily(String familyId, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return db.write("end a refresh family", c -> {
            int ended = endSessions(c, "family_id = ?", familyId, at);
            revoke(c, "family_id = ?", familyId, at);
            return ended;
        });
    }

    int revokeAllOf(String username, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return db.write("revoke the refresh tokens of " + username, c -> revokeAllOf(c, username, at));
    }

    /** Revokes every refresh token of a user inside the caller's transaction; gives how many. */
    static int revokeAllOf(Connection c, String username, Instant at) throws SQLException {
        return revoke(c, "username = ?", username, at);
    }

    int prune(Instant endedBefore, int maxRows) {
        Objects.requireNonNull(endedBefore, "endedBefore must be given");
        return ENDED_FAMILIES.deleteBatch(db, p -> p.time(endedBefore).time(endedBefore), maxRows);
    }

    private static int endSessions(Connection c, String which, String value, Instant at) throws SQLException {
        // The subquery reads another table than the one updated, which MariaDB allows.
        try (PreparedStatement s = c.prepareStatement("UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND expires_at > ?"
                + " AND token_hash IN (SELECT access_token_hash FROM refresh_tokens WHERE " + which + ")")) {
            new Params(s).time(at).time(at).text(value);
            return s.executeUpdate();
        }
    }

    private static int revoke(Connection c, String which, String value, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND " + which)) {
            new Params(s).time(at).text(value);
            return s.executeUpdate();
        }
    }

    private static RefreshTokenRecord token(ResultSet r) throws SQLException {
        return new RefreshTokenRecord(r.getString("token_hash"), r.getString("family_id"), r.getString("username"),
                r.getString("access_token_hash"), Columns.time(r, "created_at"), Columns.time(r, "expires_at"),
                Columns.time(r, "family_expires_at"), Columns.optionalTime(r, "spent_at"), Columns.optionalTime(r, "revoked_at"));
    }
}
