package io.resourcepool.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** PostgreSQL 12 and later. */
public final class PostgresDialect implements Dialect {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String UNKNOWN_DATABASE = "3D000";
    private static final String UNKNOWN_SCHEMA = "3F000";
    /** Any fixed number, the same in every hub: it names the migration lock. */
    private static final long MIGRATION_LOCK = 0x506f6f6c4d696772L;

    /** Makes the dialect. */
    public PostgresDialect() {}

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public String onConflictUpdate(String keyColumn) {
        return "ON CONFLICT (" + keyColumn + ") DO UPDATE SET";
    }

    @Override
    public String inserted(String column) {
        return "excluded." + column;
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
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }
    }

    @Override
    public boolean transactionalSchemaChanges() {
        return true;
    }

    @Override
    public boolean coordinatesHubs() {
        return true;
    }

    @Override
    public boolean isDuplicateKey(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public Optional<String> explainOpenFailure(SQLException e, String where) {
        if (UNKNOWN_DATABASE.equals(e.getSQLState())) {
            return Optional.of("the database named in store.url does not exist at " + where + "; create it or fix store.url");
        }
        if (UNKNOWN_SCHEMA.equals(e.getSQLState())) {
            return Optional.of("the schema named in store.url does not exist at " + where + "; create it or fix store.url");
        }
        return Optional.empty();
    }
    /** PgJDBC counts its timeouts in seconds; keep-alive lets the kernel notice a peer that vanished while idle. */
    @Override
    public java.util.Map<String, String> networkTimeouts(java.time.Duration connect, java.time.Duration socket) {
        String connectSeconds = Long.toString(Math.max(1, connect.toSeconds()));
        return java.util.Map.of("connectTimeout", connectSeconds, "loginTimeout", connectSeconds,
                "socketTimeout", Long.toString(Math.max(1, socket.toSeconds())), "tcpKeepAlive", "true");
    }
}
