package io.resourcepool.api.spi.store;

import io.resourcepool.api.JobId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A store that passes every call to another, for wrappers that change a part of it (observe its audit log, guard its
 * facets, count its writes): a subclass overrides only what it changes, and a method added to {@link Store} is
 * passed on without a line in each wrapper.
 */
public abstract class ForwardingStore implements Store {
    private final Store store;

    /**
     * Wraps a store.
     *
     * @param store the store every call goes to
     */
    protected ForwardingStore(Store store) {
        this.store = Objects.requireNonNull(store, "store must be given");
    }

    /**
     * The store every call goes to.
     *
     * @return the wrapped store
     */
    protected final Store delegate() {
        return store;
    }

    @Override
    public void open() {
        store.open();
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
        return store.audit();
    }

    @Override
    public Set<JobId> record(JournalGroup group) {
        return store.record(group);
    }

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
        store.close();
    }
}
