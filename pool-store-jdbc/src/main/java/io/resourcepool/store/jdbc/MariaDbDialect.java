package io.resourcepool.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * MariaDB 10.5 and later (and MySQL 8 through {@code jdbc:mysql:} URLs). Text is compared in the binary,
 * no-pad collation the migrations set, so that names differing in case or trailing spaces stay different
 * as they are in the other databases.
 */
public final class MariaDbDialect implements Dialect {
    private static final int DUPLICATE_ENTRY = 1062;
    private static final int UNKNOWN_DATABASE = 1049;
    private static final String LOCK_NAME = "resourcepool.migrations";
    private static final int LOCK_WAIT_SECONDS = 60;

    /** Makes the dialect. */
    public MariaDbDialect() {}

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public String onConflictUpdate(String keyColumn) {
        return "ON DUPLICATE KEY UPDATE";
    }

    @Override
    public String inserted(String column) {
        return "VALUES(" + column + ")";
    }

    @Override
    public String startsWith(String column) {
        return column + " LIKE ? ESCAPE '!'";
    }

    @Override
    public String prefixArgument(String prefix) {
        return LikePatterns.prefix(prefix);
    }

    @Override
    public int snapshotIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public void lockMigrations(Connection connection) throws SQLException {
        // Schema changes commit by themselves in MariaDB, so a transaction cannot hold the lock: a named
        // lock, held by the session until released, serialises hubs starting together.
        try (PreparedStatement s = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            s.setString(1, LOCK_NAME);
            s.setInt(2, LOCK_WAIT_SECONDS);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getInt(1) != 1) {
                    throw new SQLException("another ResourcePool hub held the migration lock for more than " + LOCK_WAIT_SECONDS + " s");
                }
            }
        }
    }

    @Override
    public void unlockMigrations(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            s.setString(1, LOCK_NAME);
            s.executeQuery().close();
        }
    }

    @Override
    public boolean transactionalSchemaChanges() {
        return false;
    }

    @Override
    public boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == DUPLICATE_ENTRY;
    }

    @Override
    public Optional<String> explainOpenFailure(SQLException e, String where) {
        if (e.getErrorCode() == UNKNOWN_DATABASE) {
            return Optional.of("the database named in store.url does not exist at " + where + "; create it or fix store.url");
        }
        return Optional.empty();
    }
    /** MariaDB Connector/J counts its timeouts in milliseconds. */
    @Override
    public java.util.Map<String, String> networkTimeouts(java.time.Duration connect, java.time.Duration socket) {
        return java.util.Map.of("connectTimeout", Long.toString(connect.toMillis()), "socketTimeout", Long.toString(socket.toMillis()),
                "tcpKeepAlive", "true");
    }
}
