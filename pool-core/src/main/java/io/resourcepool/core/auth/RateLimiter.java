package io.resourcepool.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts events per key (a source address) in fixed windows and says when a key has had its share.
 *
 * <p>A key's window opens at its first event and lasts {@code window}; within it at most {@code limit}
 * events pass (events given back by {@link #refund} do not count), and after that the key is refused until
 * the window ends.
 *
 * <p>Memory is bounded by a Caffeine cache of at most {@code maxKeys} windows, each expiring when it ends.
 * Caffeine's admission policy (W-TinyLFU) is why: when the table is full, a newcomer seen once does not push
 * out a key that keeps coming back, so an attacker who cycles through many addresses cannot flush the count
 * of the one address that keeps failing (an insertion-ordered table would forget the oldest window first,
 * which is exactly the hot one). Cache maintenance runs on the calling thread, so nothing here starts a
 * thread. Thread-safe: checking and counting are one atomic step per key.
 */
public final class RateLimiter {
    private volatile int limit;
    private final Duration window;
    private final InstantSource clock;
    private final Cache<String, Window> windows;

    /**
     * The answer to a key over its limit, with the figures that explain it.
     *
     * @param retryAfter how long until the key's window ends
     * @param firstInWindow whether this is the window's first refusal (to audit a flood once, not per attempt)
     * @param limit events allowed per window
     * @param window how long a window lasts
     */
    public record Refusal(Duration retryAfter, boolean firstInWindow, int limit, Duration window) {
        /** Checks the fields. */
        public Refusal {
            Objects.requireNonNull(retryAfter, "retryAfter must be given");
            Objects.requireNonNull(window, "window must be given");
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
        this.clock = Objects.requireNonNull(clock, "clock must be given");
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfter(new UntilWindowEnds())
                .ticker(() -> nanosOf(clock.instant()))
                .executor(Runnable::run)
                .build();
    }

    /**
     * Changes how many events a key may have in a window, from the next event on; windows already open keep their
     * counts, so a key that had more than the new limit is refused until its window ends.
     *
     * @param events events allowed per key in a window, 1 or more
     */
    public void limit(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + events);
        }
        limit = events;
    }

    /**
     * Events allowed per key in a window now.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    /**
     * Takes one of a key's events for its window, or refuses it. Checking and counting are one step, so that
     * many attempts at once cannot all slip in before the first of them is counted.
     *
     * @param key the source address
     * @return the refusal, with how long to wait and whether it is the first refusal of this window (to audit
     *     a flood once, not per attempt); empty when the event was counted and may go on
     */
    public Optional<Refusal> tryAcquire(String key) {
        Instant now = clock.instant();
        int allowed = limit;
        Refusal[] answer = new Refusal[1];
        windows.asMap().compute(key, (k, current) -> {
            Window open = current == null || !current.end.isAfter(now) ? new Window(now.plus(window)) : current;
            if (open.count < allowed) {
                open.count++;
            } else {
                answer[0] = new Refusal(Duration.between(now, open.end), !open.refused, allowed, window);
                open.refused = true;
            }
            return open;
        });
        return Optional.ofNullable(answer[0]);
    }

    /**
     * Says whether a key is over its limit now, without counting an event or marking a refusal: for an attempt that is
     * counted only when it fails ({@link #tryAcquire} afterwards), such as presenting a session token, where many at
     * once from one address are honest and each costs no more than an HMAC.
     *
     * @param key the source address
     * @return true when the key's window is full
     */
    public boolean isOver(String key) {
        Window current = windows.getIfPresent(key);
        return current != null && current.end.isAfter(clock.instant()) && current.count >= limit;
    }

    /**
     * Gives back an event taken by {@link #tryAcquire} that turned out not to count, such as a login that
     * succeeded. Does nothing once the key's window has ended.
     *
     * @param key the source address
     */
    public void refund(String key) {
        windows.asMap().computeIfPresent(key, (k, current) -> {
            if (current.count > 0) {
                current.count--;
            }
            return current;
        });
    }

    /**
     * How many keys are followed now.
     *
     * @return the number of open windows
     */
    public int trackedKeys() {
        windows.cleanUp();
        return (int) windows.estimatedSize();
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Each entry lives until its window ends; counting in it does not lengthen it. */
    private static final class UntilWindowEnds implements Expiry<String, Window> {
        @Override
        public long expireAfterCreate(String key, Window value, long currentTime) {
            return Math.max(0, nanosOf(value.end) - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Window value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Window value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
