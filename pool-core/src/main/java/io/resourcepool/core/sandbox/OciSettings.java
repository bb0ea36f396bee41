package io.resourcepool.core.sandbox;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How an {@link OciSandbox} runs jobs.
 *
 * @param jobUids the uids a root worker gives its jobs, one per running container ({@code --user uid:uid})
 * @param allowNetwork whether a job that asks for the network gets the host's
 * @param defaultImage the image of a job that names none; empty to refuse such jobs
 * @param podman podman's path
 * @param dataDirectory the worker's data directory, where podman's configuration is written ({@code oci/containers.conf})
 * @param pull podman's pull policy for an image it does not have: {@code missing}, {@code never} or {@code always}
 * @param limits the worker's ceilings on job limits ({@code cgroups} does not apply: a container has its own)
 */
public record OciSettings(JobUidRange jobUids, boolean allowNetwork, Optional<String> defaultImage, Path podman, Path dataDirectory, String pull,
        JobLimitSettings limits) {
    /** The pull policies podman knows. */
    public static final Set<String> PULL_POLICIES = Set.of("missing", "never", "always");

    /** Checks the fields. */
    public OciSettings {
        Objects.requireNonNull(jobUids, "jobUids must be given");
        Objects.requireNonNull(defaultImage, "defaultImage must be given (empty for none)");
        Objects.requireNonNull(podman, "podman must be given");
        Objects.requireNonNull(dataDirectory, "dataDirectory must be given");
        if (!PULL_POLICIES.contains(pull)) {
            throw new IllegalArgumentException("pull must be one of " + PULL_POLICIES + ", not '" + pull + "'");
        }
        Objects.requireNonNull(limits, "limits must be given");
    }

    /**
     * Settings with Debian's podman, pulling missing images, and no ceilings.
     *
     * @param jobUids the uids a root worker gives its jobs
     * @param allowNetwork whether a job that asks for the network gets it
     * @param defaultImage the image of a job that names none, empty for none
     * @param dataDirectory the worker's data directory
     * @return the settings
     */
    public static OciSettings of(JobUidRange jobUids, boolean allowNetwork, Optional<String> defaultImage, Path dataDirectory) {
        return new OciSettings(jobUids, allowNetwork, defaultImage, Podman.DEFAULT, dataDirectory, "missing", JobLimitSettings.DEFAULT);
    }

    /**
     * These settings with another pull policy.
     *
     * @param policy {@code missing}, {@code never} or {@code always}
     * @return the new settings
     */
    public OciSettings withPull(String policy) {
        return new OciSettings(jobUids, allowNetwork, defaultImage, podman, dataDirectory, policy, limits);
    }
}
