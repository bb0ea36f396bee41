package io.resourcepool.core.hub;

import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.Store;
import java.util.Optional;

/**
 * The store handed to the hub, with its audit log observed, so that every row any part of the hub writes is
 * heard. Opening and closing stay with the caller, who owns the store.
 */
final class ObservedStore implements Store {
    private final Store store;
    private final AuditLog audit;
    private final HubObserver observer;

    ObservedStore(Store store, HubObserver observer) {
        this.store = store;
        this.observer = observer;
        this.audit = new ObservedAuditLog(store.audit(), observer);
    }

    @Override
    public void open() {
        throw new UnsupportedOperationException("the hub's store is opened by its owner");
    }

    @Override
    public CredentialStore credentials() {
        return store.credentials();
    }

    @Override
    public NodeStore nodes() {
        return store.nodes();
    }

    @Override
    public JobStore jobs() {
        return store.jobs();
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    /** Writes the group, then tells the observer of its audit rows, as {@link ObservedAuditLog} does of its own. */
    @Override
    public void record(JournalGroup group) {
        store.record(group);
        group.auditRows().forEach(observer::audited);
    }

    /** As the store has it: the hubs' coordination is theirs to guard, each part retrying by itself. */
    @Override
    public Optional<HubCoordination> coordination() {
        return store.coordination();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the hub's store is closed by its owner");
    }
}
