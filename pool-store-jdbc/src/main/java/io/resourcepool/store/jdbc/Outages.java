package io.resourcepool.store.jdbc;

import io.resourcepool.api.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells a database that cannot be reached (refused, cut off, silent past the timeouts) from a statement that
 * failed: the first is {@link StoreUnavailableException}, worth retrying once the server is back. Judged from the
 * exception's types, causes and SQL state (class 08, connection exception), not its wording.
 */
final class Outages {
    /** How soon a caller refused because the database is away should try again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private Outages() {}

    /** The failure as an outage, when the database could not be reached; empty when the statement itself failed. */
    static Optional<StoreUnavailableException> of(String what, SQLException e) {
        return reason(e).map(why -> new StoreUnavailableException("the store could not " + what + ": the database is unreachable (" + why
                + "); retry once it is back", RETRY_AFTER, e));
    }

    private static Optional<String> reason(SQLException e) {
        Optional<String> network = OpenFailures.networkProblem(e);
        if (network.isPresent()) {
            return network;
        }
        boolean connection = OpenFailures.find(e, SQLTransientConnectionException.class).isPresent()
                || OpenFailures.find(e, SQLNonTransientConnectionException.class).isPresent()
                || OpenFailures.find(e, SQLRecoverableException.class).isPresent()
                || String.valueOf(e.getSQLState()).startsWith(CONNECTION_EXCEPTION_CLASS);
        if (connection || OpenFailures.find(e, IOException.class).isPresent()) {
            return Optional.of("connection lost" + (e.getSQLState() == null ? "" : ", SQL state " + e.getSQLState()));
        }
        return Optional.empty();
    }
}
