package io.resourcepool.testkit.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A database server for tests: PostgreSQL or MariaDB, found at the local default address or where
 * {@code POOL_TEST_URL_POSTGRES} / {@code POOL_TEST_URL_MARIADB} say (with {@code POOL_TEST_USER_…} and
 * {@code POOL_TEST_PASSWORD_…}). When the server cannot be reached its tests are skipped with a message that
 * says how to run them, unless {@code POOL_TEST_DATABASES=required} (as CI sets it), in which case they fail.
 * Each test class works in a {@link TestDatabase} of its own, so runs never collide.
 */
public enum TestServer {
    /** PostgreSQL, by default at 127.0.0.1:5432, database {@code test}, user {@code postgres}. */
    POSTGRESQL("PostgreSQL", "POSTGRES", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    /** MariaDB, by default at 127.0.0.1:3306, database {@code test}, user {@code root}. */
    MARIADB("MariaDB", "MARIADB", "jdbc:mariadb://127.0.0.1:3306/test", "root");

    private static final Pattern SERVER_URL = Pattern.compile("(jdbc:[a-z]+://[^/?]+)/([^?]*)(\\?.*)?");
    private static final int LOGIN_TIMEOUT_SECONDS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String title;
    private final String envSuffix;
    private final String defaultUrl;
    private final String defaultUser;

    TestServer(String title, String envSuffix, String defaultUrl, String defaultUser) {
        this.title = title;
        this.envSuffix = envSuffix;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
    }

    /**
     * The server's URL, from {@code POOL_TEST_URL_<SERVER>} or the local default.
     *
     * @return the JDBC URL
     */
    public String url() {
        return env("POOL_TEST_URL_" + envSuffix).orElse(defaultUrl);
    }

    /**
     * The user to log in as.
     *
     * @return from {@code POOL_TEST_USER_<SERVER>} or the default
     */
    public String user() {
        return env("POOL_TEST_USER_" + envSuffix).orElse(defaultUser);
    }

    /**
     * The password, if one is needed.
     *
     * @return from {@code POOL_TEST_PASSWORD_<SERVER>}
     */
    public Optional<String> password() {
        return env("POOL_TEST_PASSWORD_" + envSuffix);
    }

    /**
     * Says whether the database tests must run (CI), rather than skip when no server is there.
     *
     * @return true when {@code POOL_TEST_DATABASES=required}
     */
    public static boolean required() {
        return "required".equals(System.getenv("POOL_TEST_DATABASES"));
    }

    /**
     * Makes a fresh schema (PostgreSQL) or database (MariaDB) for one test class; skips or fails the calling
     * tests when the server cannot be reached, as the class Javadoc says.
     *
     * @return the fresh database, to close (drop) when done
     */
    public TestDatabase createDatabase() {
        String name = (this == POSTGRESQL ? "s_" : "t_") + HexFormat.of().formatHex(randomBytes());
        try (Connection c = connect(url()); Statement s = c.createStatement()) {
            s.execute((this == POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
        } catch (SQLException e) {
            unreachable(e);
        }
        return new TestDatabase(this, name, urlFor(name));
    }

    /** The port the server listens on when its URL names none. */
    int defaultPort() {
        return this == POSTGRESQL ? 5432 : 3306;
    }

    Connection connect(String url) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user());
        password().ifPresent(p -> login.setProperty("password", p));
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        return DriverManager.getConnection(url, login);
    }

    void drop(String name) throws SQLException {
        try (Connection c = connect(url()); Statement s = c.createStatement()) {
            s.execute(this == POSTGRESQL ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP DATABASE IF EXISTS " + name);
        }
    }

    private String urlFor(String name) {
        String base = url();
        if (this == POSTGRESQL) {
            return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }
        Matcher m = SERVER_URL.matcher(base);
        if (!m.matches()) {
            throw new IllegalStateException("POOL_TEST_URL_MARIADB must look like jdbc:mariadb://host:port/database, was " + base);
        }
        return m.group(1) + "/" + name + (m.group(3) == null ? "" : m.group(3));
    }

    private void unreachable(SQLException e) {
        String message = title + " not reachable at " + describe(url()) + " (" + e.getMessage() + "); start it, or set POOL_TEST_URL_"
                + envSuffix + "=" + defaultUrl.replace("127.0.0.1", "host") + " (and POOL_TEST_USER_" + envSuffix + ", POOL_TEST_PASSWORD_"
                + envSuffix + "), to run these tests. CI sets POOL_TEST_DATABASES=required.";
        if (required()) {
            Assertions.fail("POOL_TEST_DATABASES=required, but " + message, e);
        }
        Assumptions.abort(message);
    }

    private static String describe(String url) {
        Matcher m = SERVER_URL.matcher(url);
        return m.matches() ? m.group(1).replaceFirst("jdbc:[a-z]+://", "") + " (database " + m.group(2) + ")" : url;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Optional<String> env(String name) {
        Map<String, String> env = System.getenv();
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
