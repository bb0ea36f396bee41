package io.resourcepool.api.spi.scheduler;

import io.resourcepool.api.spi.NamedProvider;
import io.resourcepool.api.spi.ProviderConfig;

/** Makes {@link Scheduler}s of one policy ({@code least-loaded}, …), found by {@link java.util.ServiceLoader}. */
public interface SchedulerProvider extends NamedProvider {
    /**
     * Makes a scheduler. Must be cheap and do no I/O.
     *
     * @param config the type, data directory and settings
     * @return the scheduler
     */
    Scheduler create(ProviderConfig config);
}
