package io.resourcepool.store.sqlite;

import io.resourcepool.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * SQLite 3.37 and later. Writers are serialised by the store (one writer connection) and by SQLite's own
 * database lock, so no row locks are needed, and LIKE, which SQLite compares without regard to case, is
 * replaced by {@code instr}. Its migrations are {@code migration/sqlite/V<n>.sql} next to this class.
 */
public final class SqliteDialect implements Dialect {
    /** SQLite's primary result codes, the low byte of the extended codes the driver reports. */
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    private static final int SQLITE_PERM = 3;

    /** Makes the dialect. */
    public SqliteDialect() {}

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:sqlite:");
    }

    @Override
    public String forUpdate() {
        return "";
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
        return "instr(" + column + ", ?) = 1";
    }

    @Override
    public String prefixArgument(String prefix) {
        return prefix;
    }

    @Override
    public int snapshotIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public void lockMigrations(Connection connection) {
        // the writer's transaction already holds SQLite's database lock
    }

    @Override
    public boolean transactionalSchemaChanges() {
        return true;
    }

    @Override
    public boolean isDuplicateKey(SQLException e) {
        // the driver reports the primary code; the words tell a duplicate from a broken foreign key
        return (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT && String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
    }

    @Override
    public Optional<String> explainOpenFailure(SQLException e, String where) {
        return switch (e.getErrorCode() & 0xff) {
            case SQLITE_READONLY, SQLITE_PERM ->
                    Optional.of("cannot write the store file " + where + ": it is read-only; fix its permissions or choose another data directory");
            case SQLITE_CANTOPEN ->
                    Optional.of("cannot open the store file " + where + ": check that its directory exists and is writable, or choose another data directory");
            case SQLITE_NOTADB -> Optional.of("the store file " + where + " is not an SQLite database; move it away or choose another data directory");
            default -> Optional.empty();
        };
    }
}
