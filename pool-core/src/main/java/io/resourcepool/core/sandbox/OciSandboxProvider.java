package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Makes {@link OciSandbox}es, type {@code oci}. Settings: {@code job-uids} (as for the other sandboxes),
 * {@code allow-network} ({@code true} by default), {@code default-image} (the image of a job that names none; not
 * set: such jobs are refused), {@code podman} (its path, {@code /usr/bin/podman} by default), {@code pull}
 * ({@code missing}, the default, {@code never} or {@code always}), and {@code max-processes} and
 * {@code max-cpu-time} ({@link JobLimitSettings#from}); {@code cgroups} is accepted and has no effect, since every
 * container has a cgroup of its own.
 */
public final class OciSandboxProvider implements SandboxProvider {
    /** The type name configuration uses. */
    public static final String TYPE = "oci";

    private static final Set<String> SETTINGS = Set.of("job-uids", "allow-network", "default-image", "podman", "pull", "cgroups",
            "max-processes", "max-cpu-time");

    /** Made by {@link java.util.ServiceLoader}. */
    public OciSandboxProvider() {}

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Makes a sandbox; does no I/O, so a machine without podman can still be configured (its jobs are then refused).
     *
     * @param config the settings
     * @return the sandbox
     * @throws ConfigurationException naming the key when a setting is unknown or its value is not allowed
     */
    @Override
    public Sandbox create(ProviderConfig config) {
        SandboxSettings.requireKnown(config, TYPE, SETTINGS);
        String pull = config.get("pull").orElse("missing").strip().toLowerCase(Locale.ROOT);
        if (!OciSettings.PULL_POLICIES.contains(pull)) {
            throw new ConfigurationException(config.fullKey("pull") + " must be one of " + OciSettings.PULL_POLICIES + ", not '" + pull + "'");
        }
        Path podman = Path.of(config.get("podman").orElse(Podman.DEFAULT.toString()).strip());
        if (!podman.isAbsolute()) {
            throw new ConfigurationException(config.fullKey("podman") + " must be an absolute path, such as /usr/bin/podman, not '" + podman + "'");
        }
        JobLimitSettings limits = JobLimitSettings.from(config);
        return new OciSandbox(new OciSettings(SandboxSettings.jobUids(config), SandboxSettings.allowNetwork(config), defaultImage(config), podman, config.dataDirectory(), pull, limits));
    }

    private static Optional<String> defaultImage(ProviderConfig config) {
        Optional<String> image = config.get("default-image").map(String::strip).filter(value -> !value.isEmpty());
        image.ifPresent(value -> {
            try {
                JobSpec.of("true").withImage(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(config.fullKey("default-image") + ": " + e.getMessage());
            }
        });
        return image;
    }
}
