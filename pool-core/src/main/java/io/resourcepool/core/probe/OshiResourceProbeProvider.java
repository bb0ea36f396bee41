package io.resourcepool.core.probe;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Makes {@link OshiResourceProbe}s, type {@code oshi}, the default. Settings: {@code work-dir}, the directory whose
 * file system is reported as storage (default the data directory; a relative path starts there), and
 * {@code gpu-count} and {@code gpu-model}, which win over the GPUs found, and {@code nvidia-smi}, the program that
 * finds NVIDIA GPUs (default {@code nvidia-smi} on the worker's {@code PATH}; a relative path starts in the data directory)
 * where {@code nvml}, NVIDIA's management library tried first (default {@code nvidia-ml}; {@code none} for none), is not there,
 * and {@code amdgpu-sysfs}, the directory where AMD GPUs are found (default {@code /sys/class/drm}).
 */
public final class OshiResourceProbeProvider implements ResourceProbeProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "oshi";

    private static final Set<String> SETTINGS = Set.of("work-dir", "gpu-count", "gpu-model", "nvidia-smi", "nvml", "amdgpu-sysfs");

    /** Made by {@link java.util.ServiceLoader}. */
    public OshiResourceProbeProvider() {}

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Makes a probe; does no I/O.
     *
     * @param config the settings
     * @return the probe
     * @throws ConfigurationException naming the key when a setting is unknown or invalid
     */
    @Override
    public ResourceProbe create(ProviderConfig config) {
        ProbeSettings.rejectUnknown(config, SETTINGS);
        Path workDirectory = config.get("work-dir").map(dir -> resolve(config, "work-dir", dir)).orElse(config.dataDirectory());
        String nvidiaSmi = config.get("nvidia-smi").map(String::strip).map(p -> p.contains("/") ? resolve(config, "nvidia-smi", p).toString() : p)
                .orElse(OshiResourceProbe.DEFAULT_NVIDIA_SMI);
        if (nvidiaSmi.isEmpty()) {
            throw new ConfigurationException(config.fullKey("nvidia-smi") + " must not be blank");
        }
        Path drmClass = config.get("amdgpu-sysfs").map(dir -> resolve(config, "amdgpu-sysfs", dir)).orElse(AmdgpuSysfs.DEFAULT_ROOT);
        String nvml = config.get("nvml").map(String::strip).orElse(OshiResourceProbe.DEFAULT_NVML);
        if (nvml.isEmpty()) {
            throw new ConfigurationException(config.fullKey("nvml") + " must not be blank: name the library, or 'none' to read GPUs through nvidia-smi only");
        }
        return new OshiResourceProbe(workDirectory, GpuOverride.from(config), nvidiaSmi, drmClass, nvml);
    }

    private static Path resolve(ProviderConfig config, String key, String dir) {
        try {
            return config.dataDirectory().resolve(dir.strip());
        } catch (InvalidPathException e) {
            throw new ConfigurationException(config.fullKey(key) + " is '" + dir + "', which is not a path", e);
        }
    }
}
