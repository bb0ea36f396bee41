package io.resourcepool.store.jdbc;

import java.sql.SQLException;

/**
 * Where the JDBC store gets its connections, and how it runs transactions on them: a pool shared by readers
 * and writers ({@link PooledConnections}), or readers beside one writer for SQLite.
 */
public interface Connections extends AutoCloseable {

    /**
     * Runs work that only reads, in a transaction.
     *
     * @param work the work
     * @param <T> its result
     * @return what the work returned
     * @throws SQLException when the database fails; the transaction is rolled back
     */
    <T> T read(SqlWork<T> work) throws SQLException;

    /**
     * Runs work that writes, in a transaction committed when it returns.
     *
     * @param work the work
     * @param <T> its result
     * @return what the work returned
     * @throws SQLException when the database fails; the transaction is rolled back
     */
    <T> T write(SqlWork<T> work) throws SQLException;

    /** Closes the connections this object opened. Idempotent. */
    @Override
    void close();
}
