package io.resourcepool.api.spi.transport;

import io.resourcepool.api.spi.NamedProvider;
import io.resourcepool.api.spi.ProviderConfig;

/** Makes {@link Transport}s of one type, found by {@link java.util.ServiceLoader}. */
public interface TransportProvider extends NamedProvider {
    /**
     * Makes a transport. Must be cheap and do no network I/O.
     *
     * @param config the type, data directory and settings
     * @return the transport
     * @throws io.resourcepool.api.ConfigurationException naming the key of a bad setting
     */
    Transport create(ProviderConfig config);
}
