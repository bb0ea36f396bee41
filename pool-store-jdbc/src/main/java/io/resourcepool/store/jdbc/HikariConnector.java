package io.resourcepool.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.resourcepool.api.StoreException;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens a HikariCP pool on a database server. The pool tries one connection at once, so an unreachable
 * server or a refused login fails {@code open()} rather than the first request.
 */
public final class HikariConnector implements Connector {
    private final JdbcStoreConfig config;

    /**
     * Connects as the configuration says.
     *
     * @param config the URL, user, password and pool size
     */
    public HikariConnector(JdbcStoreConfig config) {
        this.config = config;
    }

    @Override
    public Connections connect() throws SQLException {
        requireDriver();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("resourcepool-store");
        hikari.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        config.password().ifPresent(p -> hikari.setPassword(p.reveal()));
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        // a borrowed connection is checked first; the check must end well within the wait for a connection
        hikari.setValidationTimeout(Math.max(250, config.connectTimeout().toMillis() / 2));
        // the driver's own timeouts bound a server that accepts connections and then says nothing
        Dialect.forUrl(config.url()).networkTimeouts(config.connectTimeout(), config.socketTimeout()).forEach(hikari::addDataSourceProperty);
        hikari.setAutoCommit(false);
        try {
            return new PooledConnections(new HikariDataSource(hikari));
        } catch (PoolInitializationException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), "08001", e);
        }
    }

    private void requireDriver() {
        try {
            DriverManager.getDriver(config.url());
        } catch (SQLException e) {
            String scheme = JdbcUrl.parse(config.url()).scheme();
            throw new StoreException("no JDBC driver for " + scheme + " is on the class path; add the driver's jar"
                    + " (for example org.postgresql:postgresql or org.mariadb.jdbc:mariadb-java-client)", e);
        }
    }
}
