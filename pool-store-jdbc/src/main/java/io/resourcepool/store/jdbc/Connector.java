package io.resourcepool.store.jdbc;

import java.sql.SQLException;

/** Opens the connections of a {@link JdbcStore} when the store opens, not before. */
@FunctionalInterface
public interface Connector {
    /**
     * Connects.
     *
     * @return the open connections, owned by the caller from then on
     * @throws SQLException when the database cannot be reached or refuses the login
     */
    Connections connect() throws SQLException;
}
