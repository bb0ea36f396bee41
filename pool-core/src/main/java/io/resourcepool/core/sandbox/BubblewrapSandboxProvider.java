package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.util.Set;

/**
 * Makes {@link BubblewrapSandbox}es, type {@code bubblewrap}. Settings: {@code job-uids}, the uids a root worker
 * gives its jobs ({@link JobUidRange}, default {@value JobUidRange#DEFAULT}), {@code read-only-paths}, extra host
 * paths jobs see read-only (comma-separated, absolute; never the data directory or a parent of it), and
 * {@code allow-network} ({@code true}, the default: a job that asks for the network gets it; {@code false}: such a
 * job is refused; a job that does not ask never has it), and {@code cgroups},
 * {@code max-processes} and {@code max-cpu-time} ({@link JobLimitSettings#from}).
 */
public final class BubblewrapSandboxProvider implements SandboxProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "bubblewrap";

    private static final Set<String> SETTINGS = Set.of("job-uids", "read-only-paths", "allow-network", "cgroups", "max-processes", "max-cpu-time");

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
     * @throws ConfigurationException when a setting is unknown or not allowed, naming it
     */
    @Override
    public Sandbox create(ProviderConfig config) {
        SandboxSettings.requireKnown(config, TYPE, SETTINGS);
        HostView view;
        try {
            view = HostView.parse(config.dataDirectory(), config.get("read-only-paths").orElse(""));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(config.fullKey("read-only-paths") + ": " + e.getMessage());
        }
        return new BubblewrapSandbox(view, SandboxSettings.jobUids(config), SandboxSettings.allowNetwork(config), JobLimitSettings.from(config));
    }
}
