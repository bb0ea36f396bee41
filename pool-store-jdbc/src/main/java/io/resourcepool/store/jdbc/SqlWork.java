package io.resourcepool.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on a connection inside a transaction that someone else begins and ends.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {
    /**
     * Does the work. Do not commit, roll back or close the connection.
     *
     * @param connection the connection, in a transaction
     * @return the result
     * @throws SQLException when the database fails
     */
    T run(Connection connection) throws SQLException;
}
