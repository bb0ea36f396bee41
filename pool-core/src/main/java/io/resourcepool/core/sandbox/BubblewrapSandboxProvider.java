package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.util.Locale;
import java.util.Set;

/**
 * Makes {@link BubblewrapSandbox}es, type {@code bubblewrap}. Settings: {@code run-as}, the user a root worker
 * runs commands as (a name, a uid or {@code uid:gid}; default {@value ProcessSandbox#DEFAULT_RUN_AS}), and
 * {@code allow-network} ({@code true}, the default: a job that asks for the network gets it; {@code false}: such a
 * job is refused; a job that does not ask never has it), and {@code cgroups},
 * {@code max-processes} and {@code max-cpu-time} ({@link JobLimitSettings#from}).
 */
public final class BubblewrapSandboxProvider implements SandboxProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "bubblewrap";

    private static final Set<String> SETTINGS = Set.of("run-as", "allow-network", "cgroups", "max-processes", "max-cpu-time");

    /** Made by {@link java.util.ServiceLoader}. */
    public BubblewrapSandboxProvider() {}

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Makes a sandbox; does no I/O, so a machine without bubblewrap can still be configured (its jobs are then
     * refused when started).
     *
     * @param config the settings
     * @return the sandbox
     * @throws ConfigurationException when a setting is unknown, {@code run-as} is blank or {@code allow-network}
     *     is neither true nor false
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
        return new BubblewrapSandbox(runAs, allowNetwork(config), JobLimitSettings.from(config));
    }

    private static boolean allowNetwork(ProviderConfig config) {
        String value = config.get("allow-network").orElse("true").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(config.fullKey("allow-network") + " must be true or false, not '" + value + "'");
        };
    }
}
