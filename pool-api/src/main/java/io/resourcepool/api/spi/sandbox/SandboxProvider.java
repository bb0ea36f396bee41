package io.resourcepool.api.spi.sandbox;

import io.resourcepool.api.spi.NamedProvider;
import io.resourcepool.api.spi.ProviderConfig;

/** Makes {@link Sandbox}es of one type ({@code process}, {@code bubblewrap}, …), found by {@link java.util.ServiceLoader}. */
public interface SandboxProvider extends NamedProvider {
    /**
     * Makes a sandbox. Must be cheap and do no I/O.
     *
     * @param config the type, data directory and settings
     * @return the sandbox
     */
    Sandbox create(ProviderConfig config);
}
