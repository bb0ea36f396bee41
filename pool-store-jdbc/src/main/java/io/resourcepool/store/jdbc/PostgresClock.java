package io.resourcepool.store.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * The database's clock, for leases that hubs with different clocks must agree on: SQL that reads PostgreSQL's
 * {@code now()} (the start of the transaction) in the store's unit, microseconds since 1970.
 */
final class PostgresClock {
    /** Now, in microseconds since 1970, as a SQL expression. */
    static final String NOW = "(EXTRACT(EPOCH FROM now()) * 1000000)::bigint";

    private PostgresClock() {}

    /**
     * A lease's length in microseconds, refused unless positive.
     *
     * @param ttl the length
     * @return the microseconds
     */
    static long ttl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl must be given");
        long micros = Micros.of(ttl);
        if (micros < 1) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return micros;
    }
}
