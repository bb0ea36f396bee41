package io.resourcepool.store.jdbc;

import io.resourcepool.api.Role;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps rows of {@code users} and {@code sessions}. */
final class CredentialRows {
    private CredentialRows() {}

    static UserAccount user(ResultSet r) throws SQLException {
        return new UserAccount(r.getString("username"), Role.fromWireName(r.getString("role")), r.getString("password_hash"),
                r.getInt("failed_logins"), Columns.optionalTime(r, "locked_until"), Columns.time(r, "created_at"),
                r.getBoolean("password_change_required"));
    }

    static SessionRecord session(ResultSet r) throws SQLException {
        return new SessionRecord(r.getString("token_hash"), r.getString("username"), Columns.time(r, "created_at"),
                Columns.time(r, "expires_at"), Columns.optionalTime(r, "revoked_at"));
    }
}
