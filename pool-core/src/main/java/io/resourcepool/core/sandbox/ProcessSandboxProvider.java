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
        SandboxSettings.requireKnown(config, TYPE, SETTINGS);
        return new ProcessSandbox(SandboxSettings.jobUids(config), JobLimitSettings.from(config));
    }
}
