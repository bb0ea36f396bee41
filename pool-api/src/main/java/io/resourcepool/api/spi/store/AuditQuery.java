package io.resourcepool.api.spi.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit rows to list, newest first. Empty filters match everything.
 *
 * @param actor only rows by this actor
 * @param actionPrefix only rows whose action starts with this, for example {@code login.}
 * @param since only rows at or after this time
 * @param limit at most this many, 1 to 10,000
 */
public record AuditQuery(Optional<String> actor, Optional<String> actionPrefix, Optional<Instant> since, int limit) {
    /** Checks the fields. */
    public AuditQuery {
        Objects.requireNonNull(actor, "actor must be given (empty for any)");
        Objects.requireNonNull(actionPrefix, "actionPrefix must be given (empty for any)");
        Objects.requireNonNull(since, "since must be given (empty for any)");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
    }

    /**
     * The newest rows.
     *
     * @param limit at most this many
     * @return the query
     */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }
}
