package io.resourcepool.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work in one transaction on a connection borrowed from a data source whose connections do not auto-commit. */
public final class Transactions {
    private Transactions() {}

    /**
     * Borrows a connection, runs the work, commits, and gives the connection back; rolls back on failure.
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
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
