package io.resourcepool.core.auth;

import io.resourcepool.api.spi.store.ForwardingStore;
import io.resourcepool.api.spi.store.Store;
import java.util.Optional;

/**
 * A store whose credentials facet counts its writes ({@link CountedCredentialWrites}); every other call goes to the
 * store as it is, opening and closing included (which only the store's owner does). Over a store shared with other
 * hubs, it counts their writes too, as the given watch hears them.
 */
final class CountedCredentialsStore extends ForwardingStore {
    private final CountedCredentialWrites credentials;

    CountedCredentialsStore(Store store, Optional<CredentialEpochWatch> otherHubs) {
        super(store);
        this.credentials = otherHubs.map(watch -> new CountedCredentialWrites(store.credentials(), watch))
                .orElseGet(() -> new CountedCredentialWrites(store.credentials()));
    }

    @Override
    public CountedCredentialWrites credentials() {
        return credentials;
    }

}
