package io.resourcepool.core.scheduler;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.api.spi.scheduler.SchedulerProvider;

/** Makes {@link BinPackScheduler}s, type {@code bin-pack}. It has no settings. */
public final class BinPackSchedulerProvider implements SchedulerProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "bin-pack";

    /** Made by {@link java.util.ServiceLoader}. */
    public BinPackSchedulerProvider() {}

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Makes a scheduler.
     *
     * @param config the settings, which must be empty
     * @return the scheduler
     * @throws ConfigurationException when a setting is given
     */
    @Override
    public Scheduler create(ProviderConfig config) {
        config.settings().keySet().stream().sorted().findFirst().ifPresent(key -> {
            throw new ConfigurationException(config.fullKey(key) + " is not a setting: scheduler type '" + TYPE + "' has none");
        });
        return new BinPackScheduler();
    }
}
