package io.resourcepool.store.jdbc;

import io.resourcepool.api.ConfigurationException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a JDBC URL that may be shown: scheme, host, port and database, never user information or
 * parameters (which may carry credentials).
 *
 * @param scheme for example {@code postgresql}
 * @param host the host, empty for a file database
 * @param port the port, empty when not given
 * @param database the database name or file
 */
record JdbcUrl(String scheme, String host, String port, String database) {
    private static final Pattern SERVER = Pattern.compile(
            "jdbc:([a-z0-9]+):(?://)?(?:[^@/?]*@)?(\\[[^\\]]*\\]|[^:/?,;]*)(?::(\\d+))?[^/?]*(?:/([^?;]*))?.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE = Pattern.compile("jdbc:sqlite:(?:file:)?([^?]*).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&;]password=|//[^/@]*:[^/@]*@");

    static JdbcUrl parse(String url) {
        Matcher file = FILE.matcher(url);
        if (file.matches()) {
            return new JdbcUrl("sqlite", "", "", file.group(1));
        }
        Matcher server = SERVER.matcher(url);
        if (server.matches()) {
            return new JdbcUrl(server.group(1).toLowerCase(Locale.ROOT), server.group(2),
                    server.group(3) == null ? "" : server.group(3), server.group(4) == null ? "" : server.group(4));
        }
        return new JdbcUrl("unknown", "", "", "");
    }

    /**
     * Refuses a URL that carries a password, which would then reach every log that shows the URL.
     *
     * @param url the URL
     * @param key the configuration key it came from
     */
    static void refuseInlinePassword(String url, String key) {
        if (PASSWORD_PARAMETER.matcher(url).find()) {
            throw new ConfigurationException(key + " must not carry a password; give it with store.password-env or store.password-file");
        }
    }

    /**
     * Where the server is.
     *
     * @return {@code host:port}, or the host alone when no port was given
     */
    String address() {
        return port.isEmpty() ? host : host + ":" + port;
    }

    /**
     * The URL without credentials or parameters.
     *
     * @return for example {@code postgresql://db.example.org:5432/pool}
     */
    String describe() {
        if (host.isEmpty()) {
            return scheme + ":" + database;
        }
        return scheme + "://" + address() + "/" + database;
    }
}
