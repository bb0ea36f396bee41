package io.resourcepool.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Times are kept as whole microseconds since the epoch in a BIGINT, the same in every database: exact
 * (no time zone, no driver conversion), ordered, and as fine as any clock the hub reads.
 */
final class Micros {
    private Micros() {}

    static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time " + instant + " is beyond what the store keeps (about 290,000 years either side of 1970)", e);
        }
    }

    static long of(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    static Duration toDuration(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static Optional<Instant> toInstant(long micros, boolean wasNull) {
        return wasNull ? Optional.empty() : Optional.of(toInstant(micros));
    }

    /**
     * The instant as it will read back from the store.
     *
     * @param instant any instant
     * @return it, truncated to the microsecond
     */
    static Instant kept(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
