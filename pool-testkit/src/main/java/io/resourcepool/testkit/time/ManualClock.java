package io.resourcepool.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. It is both a {@link Clock} and an {@link InstantSource},
 * so it can be handed to anything that takes either. Safe to read and move from many threads; the clocks
 * made by {@link #withZone} share its time.
 */
public final class ManualClock extends Clock implements InstantSource {
    /** A fixed, readable starting point, so test output does not change from run to run. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock at {@link #DEFAULT_START}, in UTC.
     *
     * @return the clock
     */
    public static ManualClock start() {
        return startingAt(DEFAULT_START);
    }

    /**
     * A clock at the given instant, in UTC.
     *
     * @param start the first instant it reports
     * @return the clock
     */
    public static ManualClock startingAt(Instant start) {
        return new ManualClock(new AtomicReference<>(Objects.requireNonNull(start, "start must be given")), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far; must not be negative
     * @return the new time
     */
    public Instant advance(Duration step) {
        Objects.requireNonNull(step, "step must be given");
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must not be negative, was " + step + "; use set() to go back");
        }
        return now.updateAndGet(t -> t.plus(step));
    }

    /**
     * Puts the clock at an instant, which may be earlier than now (to test clocks that jump back).
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant must be given"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A view of the same time in another zone; moving either moves both.
     *
     * @param otherZone the zone
     * @return the view
     */
    @Override
    public ManualClock withZone(ZoneId otherZone) {
        return new ManualClock(now, Objects.requireNonNull(otherZone, "zone must be given"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + ", " + zone + "]";
    }
}
