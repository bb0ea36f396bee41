package io.resourcepool.testkit.store;

import io.resourcepool.api.StoreException;

/** The life of a fake store: facets work only between {@code open()} and {@code close()}, as a real store's do. */
final class OpenState {
    private enum Phase { NEW, OPEN, CLOSED }

    private volatile Phase phase = Phase.NEW;

    synchronized void open() {
        switch (phase) {
            case OPEN -> throw new StoreException("the store is already open");
            case CLOSED -> throw new StoreException("the store was closed; create a new one to open it again");
            case NEW -> phase = Phase.OPEN;
        }
    }

    synchronized void close() {
        phase = Phase.CLOSED;
    }

    void check() {
        if (phase != Phase.OPEN) {
            throw new StoreException(phase == Phase.NEW ? "the store is not open; call open() first" : "the store is closed");
        }
    }
}
