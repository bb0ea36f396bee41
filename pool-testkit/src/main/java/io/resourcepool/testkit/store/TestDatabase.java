package io.resourcepool.testkit.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A schema (PostgreSQL) or database (MariaDB) made for one test class by {@link TestServer#createDatabase()}
 * and dropped by {@link #close()}. It keeps one connection of its own for {@link #execute}.
 */
public final class TestDatabase implements AutoCloseable {
    private final TestServer server;
    private final String name;
    private final String url;
    private Connection connection;

    TestDatabase(TestServer server, String name, String url) {
        this.server = server;
        this.name = name;
        this.url = url;
    }

    /**
     * The URL that reaches this database (and, in PostgreSQL, makes its schema the current one).
     *
     * @return the JDBC URL
     */
    public String url() {
        return url;
    }

    /**
     * The user to log in as.
     *
     * @return the user
     */
    public String user() {
        return server.user();
    }

    /**
     * The password, if one is needed.
     *
     * @return the password
     */
    public Optional<String> password() {
        return server.password();
    }

    /**
     * Runs statements in this database, in one transaction, for tests that set up or tamper by hand.
     *
     * @param statements the SQL
     */
    public synchronized void execute(String... statements) {
        try {
            if (connection == null) {
                connection = server.connect(url);
                connection.setAutoCommit(false);
            }
            try (Statement s = connection.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed in " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the schema or database. */
    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
            server.drop(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return server + " " + name;
    }
}
