package io.resourcepool.core.auth;

import io.resourcepool.api.spi.store.HubCoordination;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's ear for credential writes made by other hubs on a shared store: a daemon thread waits for the store's
 * {@link HubCoordination#credentialEpoch() credential epoch} to grow and counts each growth as a change, which makes the
 * session rows the hub keeps ({@link SessionRows}) stale, as a write of its own does ({@link CountedCredentialWrites}).
 * Requests never read the epoch: they read {@link #changesHeard()}, a counter and the store's listening stretch, both
 * in memory.
 *
 * <p>While the store does not listen, a change announced meanwhile would go unheard: {@link #changesHeard()} is then
 * {@link #NOT_HEARING}, and nothing is kept, so every request reads the store until the store listens again; when it
 * does, in a new stretch, everything kept before is stale. The wait also ends every {@link #LOOK_EVERY} to read the
 * epoch itself, which bounds how long a listening connection that died without a word leaves a change unheard.
 * Started and closed by {@link AuthServices}.
 */
public final class CredentialEpochWatch implements AutoCloseable {
    /** What {@link #changesHeard()} says while the rows of credentials may not be kept. */
    static final long NOT_HEARING = -1;
    /** The longest wait for a notification before the epoch is read anyway. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CredentialEpochWatch.class);

    private final HubCoordination coordination;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong stretchHeard = new AtomicLong(NOT_HEARING);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    private CredentialEpochWatch(HubCoordination coordination, long seen) {
        this.coordination = coordination;
        this.thread = Thread.ofPlatform().daemon().name("pool-credential-epoch-watch").unstarted(() -> watch(seen));
    }

    /**
     * Reads the epoch now, so that every change after this call is heard, and starts waiting for it to grow.
     *
     * @param coordination the shared store's coordination
     * @return the running watch, to close
     */
    static CredentialEpochWatch start(HubCoordination coordination) {
        CredentialEpochWatch watch = new CredentialEpochWatch(coordination, coordination.credentialEpoch());
        watch.thread.start();
        return watch;
    }

    /**
     * How many credential changes of other hubs were heard (a new listening stretch counts as one): rows read after
     * this number was taken are current for as long as it stays the same.
     *
     * @return the count, or {@link #NOT_HEARING} while the store does not listen or the watch has stopped
     */
    long changesHeard() {
        OptionalLong stretch = coordination.credentialListening();
        if (!running || stretch.isEmpty()) {
            return NOT_HEARING;
        }
        long now = stretch.getAsLong();
        if (stretchHeard.get() != now) {
            // counted before the stretch is noted, so no caller sees the new stretch with the old count
            changes.incrementAndGet();
            stretchHeard.set(now);
        }
        return changes.get();
    }

    private void watch(long seen) {
        boolean failing = false;
        try {
            while (running) {
                try {
                    if (coordination.awaitCredentialChange(seen, LOOK_EVERY)) {
                        // the epoch is read before the change is counted: whatever changes after the read grows it again
                        seen = coordination.credentialEpoch();
                        changes.incrementAndGet();
                    }
                    failing = false;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    // whatever the rows kept meanwhile, a change may have been missed: drop them
                    changes.incrementAndGet();
                    if (!failing) {
                        LOG.warn("cannot watch for other hubs' credential writes ({}); retrying every {} s", e.getMessage(), RETRY.toSeconds());
                    }
                    failing = true;
                    pause();
                }
            }
        } finally {
            running = false;
        }
    }

    private void pause() {
        try {
            stopped.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Stops the thread and waits a little for it; nothing is kept from then on. */
    @Override
    public void close() {
        running = false;
        stopped.countDown();
        thread.interrupt();
        try {
            thread.join(RETRY.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
