package io.resourcepool.api.spi.probe;

import io.resourcepool.api.spi.NamedProvider;
import io.resourcepool.api.spi.ProviderConfig;

/** Makes {@link ResourceProbe}s of one type ({@code oshi}, {@code fixed}, …), found by {@link java.util.ServiceLoader}. */
public interface ResourceProbeProvider extends NamedProvider {
    /**
     * Makes a probe. Must be cheap.
     *
     * @param config the type, data directory and settings
     * @return the probe
     */
    ResourceProbe create(ProviderConfig config);
}
