package io.resourcepool.core.hub;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.spi.transport.SourceAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * The connections that have not authenticated yet: how many there are, in all and per source, and the
 * deadline by which each must authenticate.
 *
 * <p>A new network connection is admitted here before anything else is done for it (before HELLO is even read):
 * over {@link StartupLimits#perSourceMaxStartups()} from its source, or by the draw of
 * {@link StartupLimits#maxStartups()}, it is refused with a {@link BusyException} that names the limit and the
 * figures. An admitted one holds a {@link Stranger} until it authenticates or closes, whichever comes first.
 *
 * <p>Each deadline is one entry on a shared timer (one platform thread, owned here and stopped by
 * {@link #close()}), cancelled and removed on authentication; the timer never does network work itself but
 * starts a virtual thread to answer and close the connection, so a peer that does not read cannot stall it.
 */
final class Strangers implements AutoCloseable {
    /** How long a refused peer is told to wait: a flood of handshakes is over in seconds, or it is an attack. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final StartupLimits limits;
    private final IntUnaryOperator draw;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<String, Integer> perSource = new HashMap<>();
    private int total;

    /**
     * @param limits the limits
     * @param draw given 100, a uniformly random number from 0 to 99 (a fixed one in tests)
     */
    Strangers(StartupLimits limits, IntUnaryOperator draw) {
        this.limits = limits;
        this.draw = draw;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("hub-login-grace").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Admits a network connection, or refuses it.
     *
     * @param source the connection's remote address
     * @param onGraceExpired run on a virtual thread of its own when the login grace time is over first
     * @return the connection's place, to settle on authentication and close at the end
     * @throws BusyException when a limit is reached; nothing was counted
     */
    Stranger admit(String source, Runnable onGraceExpired) {
        String key = SourceAddress.keyOf(source);
        synchronized (this) {
            int fromSource = perSource.getOrDefault(key, 0);
            int chance = limits.maxStartups().refusalPercent(total);
            if (fromSource >= limits.perSourceMaxStartups() || (chance > 0 && draw.applyAsInt(100) < chance)) {
                throw new BusyException(refusal(key, fromSource, chance), RETRY_AFTER);
            }
            perSource.put(key, fromSource + 1);
            total++;
        }
        Stranger stranger = new Stranger(key);
        stranger.deadline = schedule(stranger, onGraceExpired);
        return stranger;
    }

    /**
     * A place for a connection that is not counted (one made inside the hub's process, which a gateway with
     * limits of its own opened), with the login grace time all the same.
     *
     * @param onGraceExpired run on a virtual thread of its own when the login grace time is over first
     * @return the connection's place
     */
    Stranger exempt(Runnable onGraceExpired) {
        Stranger stranger = new Stranger(null);
        stranger.deadline = schedule(stranger, onGraceExpired);
        return stranger;
    }

    /** Unauthenticated connections now, in all. */
    synchronized int count() {
        return total;
    }

    private String refusal(String key, int fromSource, int chance) {
        String perSourceFigures = fromSource + " of " + limits.perSourceMaxStartups() + " from " + key + " (per-source-max-startups)";
        String totalFigures = total + " in all (max-startups " + limits.maxStartups() + ": " + chance + "% refused at this count)";
        String first = fromSource >= limits.perSourceMaxStartups() ? perSourceFigures + ", " + totalFigures
                : totalFigures + ", " + perSourceFigures;
        return "busy: unauthenticated connections " + first + "; try again in " + RETRY_AFTER.toSeconds() + " s";
    }

    private ScheduledFuture<?> schedule(Stranger stranger, Runnable onGraceExpired) {
        try {
            return timer.schedule(() -> {
                if (stranger.finish()) {
                    Thread.ofVirtual().name("hub-login-grace-expired").start(onGraceExpired);
                }
            }, limits.loginGraceTime().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the hub is stopping and closes every connection itself
            return null;
        }
    }

    private synchronized void release(String key) {
        total--;
        perSource.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** The login grace time, for the message of a connection closed at its end. */
    Duration loginGraceTime() {
        return limits.loginGraceTime();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One connection's place among the strangers; settled once, by authentication, the deadline or the close. */
    final class Stranger {
        private final String key;
        private final AtomicInteger state = new AtomicInteger();
        private volatile ScheduledFuture<?> deadline;

        private Stranger(String key) {
            this.key = key;
        }

        /** The connection authenticated: it no longer counts and its deadline is cancelled. */
        void authenticated() {
            settle();
        }

        /** The connection ended; does nothing when it had authenticated already. */
        void closed() {
            settle();
        }

        private void settle() {
            if (finish()) {
                ScheduledFuture<?> alarm = deadline;
                deadline = null; // the connection may live for days; its cancelled alarm need not live with it
                if (alarm != null) {
                    alarm.cancel(false);
                }
            }
        }

        /** Ends this place; true for the one caller that ended it. */
        private boolean finish() {
            if (!state.compareAndSet(0, 1)) {
                return false;
            }
            if (key != null) {
                release(key);
            }
            return true;
        }
    }
}
