package io.resourcepool.store.jdbc;

import io.resourcepool.api.Secret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a database server. The password is a {@link Secret}, given by reference in configuration
 * ({@code store.password-env}, {@code store.password-file}); the URL may not carry one, since URLs end up in
 * logs.
 *
 * @param url the JDBC URL, for example {@code jdbc:postgresql://db.example.org/pool}
 * @param user the user to log in as, empty to let the driver choose
 * @param password the password, if the server wants one
 * @param poolSize the most connections kept open, 1 to 1000
 * @param connectTimeout how long to wait for a connection (from the pool, and to the server), at least 250 ms
 * @param socketTimeout how long a statement may wait for the server's answer before its connection is dropped as
 *     broken, at least 1 s: what bounds a call to a server that has gone silent
 */
public record JdbcStoreConfig(String url, String user, Optional<Secret> password, int poolSize, Duration connectTimeout,
        Duration socketTimeout) {
    /** Connections kept by default. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** How long to wait for a connection by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a statement waits for the server's answer by default. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(15);

    /** Checks the fields. */
    public JdbcStoreConfig {
        Objects.requireNonNull(url, "url must be given");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must be a JDBC URL starting with jdbc:, for example jdbc:postgresql://host/database");
        }
        if (url.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("url is for SQLite, which the jdbc store does not run: use the sqlite store (store.type = sqlite)");
        }
        JdbcUrl.refuseInlinePassword(url, "url");
        Objects.requireNonNull(user, "user must be given (empty for none)");
        Objects.requireNonNull(password, "password must be given (empty for none)");
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("poolSize must be between 1 and 1000, was " + poolSize);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout must be given");
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms, was " + connectTimeout.toMillis() + " ms");
        }
        Objects.requireNonNull(socketTimeout, "socketTimeout must be given");
        if (socketTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("socketTimeout must be at least 1 s, was " + socketTimeout.toMillis() + " ms");
        }
    }

    /**
     * A configuration with the default socket timeout.
     *
     * @param url the JDBC URL
     * @param user the user
     * @param password the password, if any
     * @param poolSize the most connections kept open
     * @param connectTimeout how long to wait for a connection
     */
    public JdbcStoreConfig(String url, String user, Optional<Secret> password, int poolSize, Duration connectTimeout) {
        this(url, user, password, poolSize, connectTimeout, DEFAULT_SOCKET_TIMEOUT);
    }

    /**
     * A configuration with the default pool size and timeouts.
     *
     * @param url the JDBC URL
     * @param user the user
     * @param password the password, if any
     * @return the configuration
     */
    public static JdbcStoreConfig of(String url, String user, Optional<Secret> password) {
        return new JdbcStoreConfig(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
    }

    /**
     * This configuration with another password.
     *
     * @param newPassword the password
     * @return the new configuration
     */
    public JdbcStoreConfig withPassword(Optional<Secret> newPassword) {
        return new JdbcStoreConfig(url, user, newPassword, poolSize, connectTimeout, socketTimeout);
    }

    /**
     * Where the database is, without credentials or parameters.
     *
     * @return for example {@code postgresql://db.example.org:5432/pool}
     */
    public StoreLocation location() {
        return new StoreLocation("jdbc", JdbcUrl.parse(url).describe(), user);
    }
}
