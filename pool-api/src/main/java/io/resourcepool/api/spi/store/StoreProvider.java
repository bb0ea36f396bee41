package io.resourcepool.api.spi.store;

import io.resourcepool.api.spi.NamedProvider;
import io.resourcepool.api.spi.ProviderConfig;

/** Makes {@link Store}s of one type ({@code sqlite}, {@code jdbc}, …), found by {@link java.util.ServiceLoader}. */
public interface StoreProvider extends NamedProvider {
    /**
     * Makes a store without opening it. Must be cheap and do no I/O.
     *
     * @param config the type, data directory and settings
     * @return the unopened store
     * @throws io.resourcepool.api.ConfigurationException naming the key of a bad setting
     */
    Store create(ProviderConfig config);
}
