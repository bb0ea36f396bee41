package io.resourcepool.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts events per key (a source address) in fixed windows and says when a key has had its share.
 *
 * <p>A key's window opens at its first event and lasts {@code window}; within it at most {@code limit}
 * events pass (events given back by {@link #refund} do not count), and after that the key is refused until
 * the window ends. Memory is bounded: windows that have ended are dropped as new ones open, and when
 * {@code maxKeys} keys are followed the oldest window is forgotten. Windows open in time order, so both are taken from the head of one
 * insertion-ordered map, in constant time per call. Thread-safe; every call holds the lock for microseconds.
 */
public final class RateLimiter {
    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final InstantSource clock;
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    /** The answer to a key over its limit. */
    public record Refusal(Duration retryAfter, boolean firstInWindow) {
        /** Checks the fields. */
        public Refusal {
            Objects.requireNonNull(retryAfter, "retryAfter must be given");
        }
    }

    private static final class Window {
        final Instant end;
        int count;
        boolean refused;

        Window(Instant end) {
            this.end = end;
        }
    }

    /**
     * Creates a limiter.
     *
     * @param limit events allowed per key in a window, 1 or more
     * @param window how long a window lasts, positive
     * @param maxKeys keys followed at once, 1 or more
     * @param clock the time
     */
    public RateLimiter(int limit, Duration window, int maxKeys, InstantSource clock) {
        if (limit < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("limit and maxKeys must be at least 1, were " + limit + " and " + maxKeys);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = Objects.requireNonNull(clock, "clock must be given");
    }

    /**
     * Takes one of a key's events for its window, or refuses it. Checking and counting are one step, so that
     * many attempts at once cannot all slip in before the first of them is counted.
     *
     * @param key the source address
     * @return the refusal, with how long to wait and whether it is the first refusal of this window (to audit
     *     a flood once, not per attempt); empty when the event was counted and may go on
     */
    public synchronized Optional<Refusal> tryAcquire(String key) {
        Instant now = clock.instant();
        forgetEnded(now);
        Window current = windows.get(key);
        if (current == null) {
            while (windows.size() >= maxKeys) {
                dropOldest();
            }
            current = new Window(now.plus(window));
            windows.put(key, current);
        }
        if (current.count < limit) {
            current.count++;
            return Optional.empty();
        }
        boolean first = !current.refused;
        current.refused = true;
        return Optional.of(new Refusal(Duration.between(now, current.end), first));
    }

    /**
     * Gives back an event taken by {@link #tryAcquire} that turned out not to count, such as a login that
     * succeeded. Does nothing once the key's window has ended.
     *
     * @param key the source address
     */
    public synchronized void refund(String key) {
        Window current = windows.get(key);
        if (current != null && current.count > 0) {
            current.count--;
        }
    }

    /**
     * How many keys are followed now.
     *
     * @return the number of open windows
     */
    public synchronized int trackedKeys() {
        forgetEnded(clock.instant());
        return windows.size();
    }

    private void forgetEnded(Instant now) {
        Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
        while (oldest.hasNext() && !oldest.next().getValue().end.isAfter(now)) {
            oldest.remove();
        }
    }

    private void dropOldest() {
        Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
        oldest.next();
        oldest.remove();
    }
}
