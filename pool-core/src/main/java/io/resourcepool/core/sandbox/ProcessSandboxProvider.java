package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.util.Set;

/**
 * Makes {@link ProcessSandbox}es, type {@code process}. Settings: {@code job-uids}, the uids a root worker gives
 * its jobs, one each ({@link JobUidRange}, default {@value JobUidRange#DEFAULT}), and {@code cgroups}, {@code max-processes} and {@code max-cpu-time} ({@link JobLimitSettings#from}).
 */
public final class ProcessSandboxProvider implements SandboxProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "process";

    private static final Set<String> SETTINGS = Set.of("job-uids", "cgroups", "max-processes", "max-cpu-time");

    /** Made by {@link java.util.ServiceLoader}. */
    public ProcessSandboxProvider() {}

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Makes a sandbox; does no I/O.
     *
     * @param config the settings
     * @return the sandbox
     * @throws ConfigurationException when a setting is unknown or not allowed, naming it
     */
    @Override
    public Sandbox create(ProviderConfig config) {
        config.settings().keySet().stream().filter(key -> !SETTINGS.contains(key)).findFirst().ifPresent(key -> {
            throw new ConfigurationException(config.fullKey(key) + " is not a setting of sandbox type '" + TYPE + "'; known: " + SETTINGS);
        });
        return new ProcessSandbox(jobUids(config), JobLimitSettings.from(config));
    }

    /** Reads {@code job-uids}, naming the key when it is not allowed. */
    static JobUidRange jobUids(ProviderConfig config) {
        try {
            return JobUidRange.parse(config.get("job-uids").orElse(JobUidRange.DEFAULT));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(config.fullKey("job-uids") + ": " + e.getMessage());
        }
    }
}
