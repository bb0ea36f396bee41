package io.resourcepool.store.jdbc;

import io.resourcepool.api.ConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the databases the JDBC store runs on: a few SQL fragments, how the schema
 * migrations are serialised, and how the driver reports the failures a user can fix. Everything else is
 * plain SQL shared by all.
 */
public interface Dialect {

    /**
     * The database's name, also the folder of its migrations ({@code migration/<name>/V<n>.sql} beside the dialect's
     * class on the class path), for example {@code postgresql}.
     *
     * @return the name
     */
    String name();

    /**
     * What ends a SELECT that locks the rows it reads until the transaction ends.
     *
     * @return for example {@code " FOR UPDATE"}, or empty where writers are serialised anyway
     */
    String forUpdate();

    /**
     * The clause that turns an INSERT into an upsert, ready for the {@code column = value} pairs.
     *
     * @param keyColumn the unique column that conflicts
     * @return for example {@code ON CONFLICT (id) DO UPDATE SET}
     */
    String onConflictUpdate(String keyColumn);

    /**
     * How the SET part of an upsert names the value the INSERT tried to write.
     *
     * @param column the column
     * @return for example {@code excluded.hostname}
     */
    String inserted(String column);

    /**
     * A condition, with one parameter, that holds when a text column starts with the parameter, case
     * sensitively and with no wildcard; bind {@link #prefixArgument(String)} to it.
     *
     * @param column the column
     * @return the condition
     */
    String startsWith(String column);

    /**
     * The value to bind to {@link #startsWith(String)}.
     *
     * @param prefix the literal prefix
     * @return the argument, escaped as the condition needs
     */
    String prefixArgument(String prefix);

    /**
     * The isolation level under which several SELECTs in one transaction see one snapshot.
     *
     * @return a {@link Connection} isolation constant
     */
    int snapshotIsolation();

    /**
     * Serialises schema migrations between processes sharing the database, for the rest of the transaction
     * (or until {@link #unlockMigrations}).
     *
     * @param connection the connection that migrates, in a transaction
     * @throws SQLException when the lock cannot be taken
     */
    void lockMigrations(Connection connection) throws SQLException;

    /**
     * Releases what {@link #lockMigrations} took, where it outlives the transaction.
     *
     * @param connection the connection that migrated
     * @throws SQLException when the lock cannot be released
     */
    default void unlockMigrations(Connection connection) throws SQLException {}

    /**
     * Says whether schema changes roll back with their transaction; when not, a failed migration may leave
     * part of itself behind.
     *
     * @return true when DDL is transactional
     */
    boolean transactionalSchemaChanges();

    /**
     * Says whether several hubs may share a database of this kind, through the tables of {@link JdbcHubCoordination}
     * (schema version 6 on PostgreSQL); the other dialects keep one hub per database.
     *
     * @return true when the store offers {@link io.resourcepool.api.spi.store.Store#coordination()}
     */
    default boolean coordinatesHubs() {
        return false;
    }

    /**
     * Says whether the failure is a unique or primary key violation.
     *
     * @param e the failure
     * @return true for a duplicate key
     */
    boolean isDuplicateKey(SQLException e);

    /**
     * Explains, in words a user can act on, a failure to connect or log in that this database reports in its
     * own way; the common cases (refused connection, unknown host, refused login) are explained by the
     * store itself.
     *
     * @param e the failure
     * @param where the database's location, without credentials
     * @return the explanation, if this dialect recognises the failure
     */
    Optional<String> explainOpenFailure(SQLException e, String where);

    /**
     * The dialect for a JDBC URL.
     *
     * @param url for example {@code jdbc:postgresql://db/pool}
     * @return the dialect
     * @throws ConfigurationException when no dialect matches
     */
    static Dialect forUrl(String url) {
        for (Dialect d : List.of(new PostgresDialect(), new MariaDbDialect())) {
            if (d.accepts(url)) {
                return d;
            }
        }
        throw new ConfigurationException("store.url '" + JdbcUrl.parse(url).describe()
                + "' is for a database the jdbc store does not know; use jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: (SQLite is the sqlite store's)");
    }

    /**
     * Says whether this dialect is for the database a JDBC URL points at.
     *
     * @param url the URL
     * @return true when it matches
     */
    boolean accepts(String url);

    /**
     * The driver's own settings that bound its waits on the network, so that a server that stops answering cannot
     * hold a thread past the timeouts. A parameter the URL gives wins over these.
     *
     * @param connect how long opening a connection may take
     * @param socket how long a read may wait for the server
     * @return driver property names and values; none by default
     */
    default java.util.Map<String, String> networkTimeouts(java.time.Duration connect, java.time.Duration socket) {
        return java.util.Map.of();
    }
}
