package io.resourcepool.core.hub;

import io.resourcepool.api.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the hub's store answers. After a call finds it unreachable, calls are refused at once with a message that
 * says so and for how long, instead of each waiting out the store's timeouts; one call at a time, at most once per
 * probe interval, goes through to find out whether it is back. The first that succeeds ends the outage, and what
 * waited for the store's return is told.
 */
final class StoreAvailability {
    private static final Logger log = LoggerFactory.getLogger(StoreAvailability.class);

    /** An outage: since when the store has not answered, and why, in the driver's words. */
    record Outage(Instant since, String reason) {}

    private final String store;
    private final InstantSource clock;
    private final Duration probeEvery;
    private final AtomicReference<Optional<Outage>> outage = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean probing = new AtomicBoolean();
    private final List<Runnable> whenBack = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> whenLost = new CopyOnWriteArrayList<>();
    private volatile Instant lastProbe = Instant.EPOCH;

    StoreAvailability(String store, InstantSource clock, Duration probeEvery) {
        this.store = store;
        this.clock = clock;
        this.probeEvery = probeEvery;
    }

    /** The outage now, if the store is unreachable. */
    Optional<Outage> outage() {
        return outage.get();
    }

    /** Runs the action each time the store answers again after an outage. */
    void whenBack(Runnable action) {
        whenBack.add(action);
    }

    /** Runs the action, with the driver's reason, each time an outage begins. */
    void whenLost(Consumer<String> action) {
        whenLost.add(action);
    }

    /**
     * Lets a call go to the store, or refuses it while the store is away and another call is finding out whether
     * it is back.
     *
     * @return true when this call is the probe, which must be followed by {@link #answered} or {@link #lost}
     * @throws StoreUnavailableException when the call is refused
     */
    boolean admit() {
        Optional<Outage> now = outage.get();
        if (now.isEmpty()) {
            return false;
        }
        Instant at = clock.instant();
        if (at.isBefore(lastProbe.plus(probeEvery)) || !probing.compareAndSet(false, true)) {
            throw refusal(now.get(), null);
        }
        lastProbe = at;
        return true;
    }

    /** The store answered (perhaps with an error of the request's own): any outage is over. */
    void answered(boolean probe) {
        Optional<Outage> ended = outage.getAndSet(Optional.empty());
        released(probe);
        ended.ifPresent(o -> {
            log.info("the store {} answers again, after {} s away", store, Duration.between(o.since(), clock.instant()).toSeconds());
            whenBack.forEach(Runnable::run);
        });
    }

    /**
     * The store could not be reached: an outage starts, or goes on.
     *
     * @return the refusal to give the caller, saying how long the store has been away
     */
    StoreUnavailableException lost(StoreUnavailableException failure, boolean probe) {
        Outage started = new Outage(clock.instant(), rootReason(failure));
        lastProbe = started.since(); // the failed call was a look: the next is one interval later
        Optional<Outage> before = outage.getAndUpdate(o -> o.isPresent() ? o : Optional.of(started));
        released(probe);
        if (before.isEmpty()) {
            log.warn("the store {} is unreachable ({}); new jobs are refused until it returns, running jobs go on", store, started.reason());
            whenLost.forEach(action -> action.accept(started.reason()));
        }
        return refusal(before.orElse(started), failure);
    }

    /** A call that proved nothing either way (it failed before reaching the store) has ended. */
    void released(boolean probe) {
        if (probe) {
            probing.set(false);
        }
    }

    private StoreUnavailableException refusal(Outage o, Throwable cause) {
        long seconds = Duration.between(o.since(), clock.instant()).toSeconds();
        return new StoreUnavailableException("the hub's store is unreachable (" + store + ": " + o.reason() + ", for " + seconds
                + " s); new jobs and requests that need it are refused until it returns, running jobs go on; retry later",
                probeEvery, cause);
    }

    /** The driver's reason, without the wrapping "could not ..." of the store. */
    private static String rootReason(StoreUnavailableException failure) {
        String message = String.valueOf(failure.getMessage());
        int open = message.indexOf("unreachable (");
        int close = message.lastIndexOf(')');
        return open >= 0 && close > open ? message.substring(open + "unreachable (".length(), close) : message;
    }
}
