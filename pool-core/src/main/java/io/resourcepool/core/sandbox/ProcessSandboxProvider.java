package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.util.Set;

/**
 * Makes {@link ProcessSandbox}es, type {@code process}. One setting: {@code run-as}, the user a root worker runs
 * commands as (a name, a uid or {@code uid:gid}; default {@value ProcessSandbox#DEFAULT_RUN_AS}), and
 * {@code cgroups}, {@code max-processes} and {@code max-cpu-time} ({@link JobLimitSettings#from}).
 */
public final class ProcessSandboxProvider implements SandboxProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "process";

    private static final Set<String> SETTINGS = Set.of("run-as", "cgroups", "max-processes", "max-cpu-time");

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
     * @throws ConfigurationException when a setting is unknown or {@code run-as} is blank
     */
    @Override
    public Sandbox create(ProviderConfig config) {
        config.settings().keySet().stream().filter(key -> !SETTINGS.contains(key)).findFirst().ifPresent(key -> {
            throw new ConfigurationException(config.fullKey(key) + " is not a setting of sandbox type '" + TYPE + "'; known: " + SETTINGS);
        });
        String runAs = config.get("run-as").orElse(ProcessSandbox.DEFAULT_RUN_AS);
        if (runAs.isBlank()) {
            throw new ConfigurationException(config.fullKey("run-as") + " must name an unprivileged user, for example nobody");
        }
        return new ProcessSandbox(runAs, JobLimitSettings.from(config));
    }
}
