package io.resourcepool.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;

/** Readers and writers share one HikariCP pool: right for servers that lock rows, such as PostgreSQL and MariaDB. */
public final class PooledConnections implements Connections {
    private final HikariDataSource pool;

    /**
     * Uses a pool, and closes it on {@link #close()}.
     *
     * @param pool the pool, configured with auto-commit off
     */
    public PooledConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public <T> T read(SqlWork<T> work) throws SQLException {
        return Transactions.run(pool, work);
    }

    @Override
    public <T> T write(SqlWork<T> work) throws SQLException {
        return Transactions.run(pool, work);
    }

    @Override
    public void close() {
        pool.close();
    }
}
