package io.resourcepool.testkit.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs each step of a fake facet under one lock, so that every method is atomic as the SPI demands. A
 * {@link ReentrantLock} rather than {@code synchronized}, so that virtual threads waiting on it do not pin
 * their carrier.
 */
abstract class LockedFacet {
    private final ReentrantLock lock = new ReentrantLock();
    private final OpenState state;

    LockedFacet(OpenState state) {
        this.state = state;
    }

    final <T> T locked(Supplier<T> step) {
        state.check();
        lock.lock();
        try {
            return step.get();
        } finally {
            lock.unlock();
        }
    }

    final void lockedRun(Runnable step) {
        locked(() -> {
            step.run();
            return null;
        });
    }

    /** For the fake's own test hooks, which work whether or not the store is open. */
    final <T> T lockedEvenIfClosed(Supplier<T> step) {
        lock.lock();
        try {
            return step.get();
        } finally {
            lock.unlock();
        }
    }
}
