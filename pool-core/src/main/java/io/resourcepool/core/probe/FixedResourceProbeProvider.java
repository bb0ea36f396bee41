package io.resourcepool.core.probe;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import java.util.List;
import java.util.Set;

/**
 * Makes {@link FixedResourceProbe}s, type {@code fixed}. Settings (sizes in bytes, or with a binary unit such as
 * {@code 16g}):
 * <ul>
 *   <li>{@code cpus} (required): logical processors;</li>
 *   <li>{@code memory-bytes} (required), {@code memory-available-bytes} (default: all of it);</li>
 *   <li>{@code storage-bytes} (default 0), {@code storage-available-bytes} (default: all of it);</li>
 *   <li>{@code cpu-load}: a fraction from 0.0 to 1.0 (default 0.0);</li>
 *   <li>{@code gpu-count} and {@code gpu-model} (default: none).</li>
 * </ul>
 */
public final class FixedResourceProbeProvider implements ResourceProbeProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "fixed";

    private static final Set<String> SETTINGS = Set.of("cpus", "cpu-load", "memory-bytes", "memory-available-bytes",
            "storage-bytes", "storage-available-bytes", "gpu-count", "gpu-model");

    /** Made by {@link java.util.ServiceLoader}. */
    public FixedResourceProbeProvider() {}

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Makes a probe from the stated figures.
     *
     * @param config the settings
     * @return the probe
     * @throws ConfigurationException naming the key when a figure is missing, malformed or inconsistent
     */
    @Override
    public ResourceProbe create(ProviderConfig config) {
        ProbeSettings.rejectUnknown(config, SETTINGS);
        config.require("cpus");
        config.require("memory-bytes");
        int cpus = config.getInt("cpus", 0);
        if (cpus < 1) {
            throw new ConfigurationException(config.fullKey("cpus") + " must be at least 1, was " + cpus);
        }
        long memory = config.getBytes("memory-bytes", 0);
        long storage = config.getBytes("storage-bytes", 0);
        try {
            return new FixedResourceProbe(new NodeResources(cpus, ProbeSettings.fraction(config, "cpu-load", 0.0),
                    memory, config.getBytes("memory-available-bytes", memory),
                    storage, config.getBytes("storage-available-bytes", storage),
                    GpuOverride.from(config).applyTo(List.of())));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the " + config.prefix() + " settings are inconsistent: " + e.getMessage(), e);
        }
    }
}
