package io.resourcepool.store.jdbc;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.StoreProvider;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code jdbc} store: PostgreSQL or MariaDB through HikariCP. Settings, under the {@code store.} prefix:
 * <ul>
 *   <li>{@code url} (required): the JDBC URL, without a password, for example
 *       {@code jdbc:postgresql://db.example.org:5432/pool};</li>
 *   <li>{@code user}: the user to log in as;</li>
 *   <li>{@code password-env} or {@code password-file}: the environment variable or the file (relative to the
 *       data directory) holding the password;</li>
 *   <li>{@code pool-size}: the most connections, 10 by default;</li>
 *   <li>{@code connect-timeout}: how long to wait for a connection, 5s by default;</li>
 *   <li>{@code socket-timeout}: how long a statement waits for the server's answer, 15s by default.</li>
 * </ul>
 * The JDBC driver is not included: put the one for your database on the class path.
 */
public final class JdbcStoreProvider implements StoreProvider {
    private final Map<String, String> environment;
    private final InstantSource clock;

    /** The provider {@link java.util.ServiceLoader} makes: passwords from the process's environment. */
    public JdbcStoreProvider() {
        this(System.getenv(), InstantSource.system());
    }

    /**
     * A provider reading passwords from the given environment.
     *
     * @param environment the environment variables
     * @param clock the clock
     */
    public JdbcStoreProvider(Map<String, String> environment, InstantSource clock) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Store create(ProviderConfig config) {
        JdbcStoreConfig checked = settings(config);
        Dialect dialect = Dialect.forUrl(checked.url());
        // the password (perhaps a file) is read when the store opens: create does no I/O
        Connector connector = () -> new HikariConnector(checked.withPassword(config.secret("password", environment))).connect();
        return new JdbcStore(dialect, connector, checked.location(), clock);
    }

    private static JdbcStoreConfig settings(ProviderConfig config) {
        String url = config.require("url").trim();
        int poolSize = config.getInt("pool-size", JdbcStoreConfig.DEFAULT_POOL_SIZE);
        var timeout = config.getDuration("connect-timeout", JdbcStoreConfig.DEFAULT_CONNECT_TIMEOUT);
        var socketTimeout = config.getDuration("socket-timeout", JdbcStoreConfig.DEFAULT_SOCKET_TIMEOUT);
        try {
            return new JdbcStoreConfig(url, config.get("user").orElse(""), Optional.empty(), poolSize, timeout, socketTimeout);
        } catch (IllegalArgumentException | ConfigurationException e) {
            throw new ConfigurationException("the " + config.prefix() + " settings are not valid: " + e.getMessage(), e);
        }
    }
}
