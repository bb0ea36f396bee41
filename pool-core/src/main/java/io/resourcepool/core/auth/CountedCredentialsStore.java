package io.resourcepool.core.auth;

import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.Store;
import java.util.Optional;

/**
 * A store whose credentials facet counts its writes ({@link CountedCredentialWrites}); every other call goes to the
 * store as it is, opening and closing included (which only the store's owner does). Over a store shared with other
 * hubs, it counts their writes too, as the given watch hears them.
 */
final class CountedCredentialsStore implements Store {
    private final Store store;
    private final CountedCredentialWrites credentials;

    CountedCredentialsStore(Store store, Optional<CredentialEpochWatch> otherHubs) {
        this.store = store;
        this.credentials = otherHubs.map(watch -> new CountedCredentialWrites(store.credentials(), watch))
                .orElseGet(() -> new CountedCredentialWrites(store.credentials()));
    }

    @Override
    public void open() {
        store.open();
    }

    @Override
    public CountedCredentialWrites credentials() {
        return credentials;
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
    public void record(JournalGroup group) {
        store.record(group);
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
