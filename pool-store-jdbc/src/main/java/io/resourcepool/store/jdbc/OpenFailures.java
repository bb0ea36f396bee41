package io.resourcepool.store.jdbc;

import io.resourcepool.api.StoreException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Optional;

/**
 * Turns a failure to open a store into a {@link StoreException} that says what went wrong and what to do,
 * from the exception's causes and SQL state rather than its wording, and with no secret in it.
 */
final class OpenFailures {
    private static final String LOGIN_REFUSED_CLASS = "28";

    private OpenFailures() {}

    static StoreException explain(Throwable failure, Dialect dialect, StoreLocation at) {
        String where = at.where();
        Optional<String> network = networkProblem(failure).map(problem -> "cannot reach the database at " + where + ": " + problem
                + "; check store.url and that the server runs");
        if (network.isPresent()) {
            return new StoreException(network.get(), failure);
        }
        Optional<SQLException> sql = find(failure, SQLException.class);
        Optional<String> own = sql.flatMap(e -> dialect.explainOpenFailure(e, where));
        if (own.isPresent()) {
            return new StoreException(own.get(), failure);
        }
        if (sql.isPresent() && String.valueOf(sql.get().getSQLState()).startsWith(LOGIN_REFUSED_CLASS)) {
            return new StoreException("the database at " + where + " refused the login for user '" + at.user()
                    + "'; check store.user and store.password-env / store.password-file", failure);
        }
        return new StoreException("cannot open the " + at.kind() + " store at " + where + ": " + failure.getMessage(), failure);
    }

    /** What kept the network from reaching the server, in a few words, when that is what went wrong. */
    static Optional<String> networkProblem(Throwable failure) {
        if (find(failure, UnknownHostException.class).isPresent()) {
            return Optional.of("unknown host");
        }
        if (find(failure, ConnectException.class).isPresent()) {
            return Optional.of("connection refused");
        }
        if (find(failure, NoRouteToHostException.class).isPresent()) {
            return Optional.of("no route to host");
        }
        if (find(failure, SocketTimeoutException.class).isPresent() || find(failure, SQLTimeoutException.class).isPresent()) {
            return Optional.of("no answer in time");
        }
        return Optional.empty();
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
