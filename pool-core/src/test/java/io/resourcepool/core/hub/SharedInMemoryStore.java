package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.testkit.store.InMemoryStore;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * An in-memory store that several hubs could share: its coordination is a {@link ClockedCoordination}, and it writes a
 * journal group's conditions as the SPI's default does. A test may make another hub act just before the next group
 * written under conditions ({@link #beforeNextGuardedWrite}): a hub paused between its check and its write, as far as
 * the store can tell. It implements {@link Store} itself rather than extend
 * {@link io.resourcepool.api.spi.store.ForwardingStore}: the point is the SPI's default {@code record}, which a
 * forwarding store would pass to the in-memory store's own.
 */
final class SharedInMemoryStore implements Store {
    private final InMemoryStore inner;
    private final ClockedCoordination coordination;
    private final AtomicReference<Consumer<JournalGroup>> beforeGuarded = new AtomicReference<>();

    SharedInMemoryStore(InMemoryStore inner, ClockedCoordination coordination) {
        this.inner = inner;
        this.coordination = coordination;
    }

    /** Runs the action once, just before the next group with conditions is written. */
    void beforeNextGuardedWrite(Consumer<JournalGroup> action) {
        beforeGuarded.set(action);
    }

    @Override
    public Set<JobId> record(JournalGroup group) {
        if (!group.conditions().isEmpty()) {
            Optional.ofNullable(beforeGuarded.getAndSet(null)).ifPresent(action -> action.accept(group));
        }
        return Store.super.record(group);
    }

    @Override
    public Optional<HubCoordination> coordination() {
        return Optional.of(coordination);
    }

    @Override
    public void open() {
        inner.open();
    }

    @Override
    public CredentialStore credentials() {
        return inner.credentials();
    }

    @Override
    public NodeStore nodes() {
        return inner.nodes();
    }

    @Override
    public JobStore jobs() {
        return inner.jobs();
    }

    @Override
    public AuditLog audit() {
        return inner.audit();
    }

    @Override
    public String describe() {
        return "in-memory store shared by hubs";
    }

    @Override
    public void close() {
        inner.close();
    }
}
