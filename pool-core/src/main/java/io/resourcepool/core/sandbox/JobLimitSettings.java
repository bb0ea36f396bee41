package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How a worker's sandbox limits jobs beyond what each job asks for: whether it makes a cgroup per job, and the
 * most processes a job may have at once.
 *
 * @param cgroupRoot where the cgroup v1 hierarchies are mounted; empty to make no cgroups and use the
 *     {@code prlimit} fallback only
 * @param maxProcesses the most processes a job may have at once, 0 for no ceiling
 */
public record JobLimitSettings(Optional<Path> cgroupRoot, int maxProcesses) {
    /** Cgroups where the machine allows them, and no process ceiling. */
    public static final JobLimitSettings DEFAULT = new JobLimitSettings(Optional.of(JobCgroups.ROOT), 0);

    /** Checks the figures. */
    public JobLimitSettings {
        java.util.Objects.requireNonNull(cgroupRoot, "cgroupRoot must be given (empty for none)");
        if (maxProcesses < 0) {
            throw new IllegalArgumentException("maxProcesses must not be negative, was " + maxProcesses);
        }
    }

    /**
     * Reads the sandbox settings {@code cgroups} ({@code auto}, the default, or {@code off}) and
     * {@code max-processes} (a whole number, 0 for none, the default).
     *
     * @param config the sandbox's settings
     * @return the settings
     * @throws ConfigurationException naming the setting when a value is not allowed
     */
    public static JobLimitSettings from(ProviderConfig config) {
        String cgroups = config.get("cgroups").orElse("auto").strip().toLowerCase(Locale.ROOT);
        Optional<Path> root = switch (cgroups) {
            case "auto" -> Optional.of(JobCgroups.ROOT);
            case "off" -> Optional.empty();
            default -> throw new ConfigurationException(config.fullKey("cgroups") + " must be auto or off, not '" + cgroups + "'");
        };
        String processes = config.get("max-processes").orElse("0").strip();
        try {
            int max = Integer.parseInt(processes);
            if (max < 0) {
                throw new NumberFormatException();
            }
            return new JobLimitSettings(root, max);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(config.fullKey("max-processes") + " must be a whole number of processes, 0 for no limit, not '"
                    + processes + "'");
        }
    }

    /**
     * A job's limits under these ceilings: the process limit becomes the smaller of the job's and the worker's.
     *
     * @param limits the job's limits
     * @return the limits to enforce
     */
    SandboxLimits apply(SandboxLimits limits) {
        if (maxProcesses == 0 || (limits.processes() > 0 && limits.processes() <= maxProcesses)) {
            return limits;
        }
        return limits.withProcesses(maxProcesses);
    }
}
