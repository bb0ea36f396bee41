package io.resourcepool.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work in one transaction on a connection borrowed from a data source whose connections do not auto-commit. */
public final class Transactions {
    private Transactions() {}

    /**
     * Borrows a connection, runs the work, commits, and gives the connection back; rolls back on failure. A
     * connection that cannot be rolled back is closed instead of being lent again: its transaction state is
     * unknown. SQLite, on a full disk, rolls the transaction back by itself, and the driver, whose own rollback
     * then fails, no longer opens the next transaction: each later statement would commit on its own, and every
     * commit fail.
     *
     * @param source the data source, handing out connections with auto-commit off
     * @param work the work
     * @param <T> its result
     * @return what the work returned
     * @throws SQLException when the database fails
     */
    public static <T> T run(DataSource source, SqlWork<T> work) throws SQLException {
        try (Connection c = source.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                if (!rolledBack(c, e)) {
                    discard(source, c);
                }
                throw e;
            }
        }
    }

    private static boolean rolledBack(Connection c, Throwable failure) {
        try {
            c.rollback();
            return true;
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
            return false;
        }
    }

    /** Closes the connection when it goes back to its pool, which opens a fresh one in its place. */
    private static void discard(DataSource source, Connection c) {
        if (source instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        }
    }
}
