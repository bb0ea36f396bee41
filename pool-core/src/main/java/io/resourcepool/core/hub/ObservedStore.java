package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.ForwardingStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.Store;
import java.util.Set;

/**
 * The store handed to the hub, with its audit log observed, so that every row any part of the hub writes is
 * heard. Opening and closing stay with the caller, who owns the store.
 */
final class ObservedStore extends ForwardingStore {
    private final AuditLog audit;
    private final HubObserver observer;

    ObservedStore(Store store, HubObserver observer) {
        super(store);
        this.observer = observer;
        this.audit = new ObservedAuditLog(store.audit(), observer);
    }

    @Override
    public void open() {
        throw new UnsupportedOperationException("the hub's store is opened by its owner");
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    /**
     * Writes the group, then tells the observer of its audit rows, as {@link ObservedAuditLog} does of its own; not of
     * those of a group written under conditions that the store refused, which wrote nothing.
     */
    @Override
    public Set<JobId> record(JournalGroup group) {
        Set<JobId> notApplied = super.record(group);
        if (group.conditions().isEmpty() || notApplied.isEmpty()) {
            group.auditRows().forEach(observer::audited);
        }
        return notApplied;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the hub's store is closed by its owner");
    }
}
