package io.resourcepool.core.auth;

import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.HandoverQueue;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.HubMembership;
import io.resourcepool.api.spi.store.NodeLeases;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The credential part of a store shared with other hubs, driven by the test: {@link #anotherHubWrote()} grows the
 * epoch and wakes the waiters, as the PostgreSQL trigger and its notification do, and the test says whether the store
 * listens ({@link #stopListening()}, {@link #listenAgain()}). The other parts are not used by the session cache.
 */
final class SharedStoreCoordination implements HubCoordination {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private long epoch;
    private long stretches = 1;
    private volatile OptionalLong listening = OptionalLong.of(stretches);

    void anotherHubWrote() {
        lock.lock();
        try {
            epoch++;
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stopListening() {
        listening = OptionalLong.empty();
    }

    void listenAgain() {
        lock.lock();
        try {
            listening = OptionalLong.of(++stretches);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long credentialEpoch() {
        lock.lock();
        try {
            return epoch;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitCredentialChange(long seen, Duration timeout) {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (epoch <= seen && left > 0) {
                left = grown.awaitNanos(left);
            }
            return epoch > seen;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the epoch", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OptionalLong credentialListening() {
        return listening;
    }

    @Override
    public HubMembership hubs() {
        throw new UnsupportedOperationException("not used by the session cache");
    }

    @Override
    public NodeLeases leases() {
        throw new UnsupportedOperationException("not used by the session cache");
    }

    @Override
    public HandoverQueue handover() {
        throw new UnsupportedOperationException("not used by the session cache");
    }
}
