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
    private static final java.util.regex.Pattern AUTHORITY = java.util.regex.Pattern.compile("//([^/:?]+)(?::(\\d+))?");
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
     * Where the server listens, for a proxy put in front of it.
     *
     * @return the server's host and port
     */
    public java.net.InetSocketAddress serverAddress() {
        java.util.regex.Matcher m = AUTHORITY.matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("the URL of " + name + " names no host: " + url);
        }
        return new java.net.InetSocketAddress(m.group(1), m.group(2) == null ? server.defaultPort() : Integer.parseInt(m.group(2)));
    }

    /**
     * The URL that reaches this database through a port on this machine (a proxy) instead of the server's own.
     *
     * @param port the local port
     * @return the JDBC URL, otherwise the same as {@link #url()}
     */
    public String urlThrough(int port) {
        return AUTHORITY.matcher(url).replaceFirst("//127.0.0.1:" + port);
    }

    /**
     * Runs a query in this database and returns the first column of its first row as a number, for tests that
     * check what landed in the store.
     *
     * @param sql the query
     * @return the number, 0 when there is no row
     */
    public synchronized long queryNumber(String sql) {
        try (Connection c = server.connect(url); Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed in " + name + ": " + e.getMessage(), e);
        }
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
