package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.Durations;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a worker's sandbox limits jobs beyond what each job asks for: whether it makes a cgroup per job, the most
 * processes a job may have at once, and the most CPU time it may use.
 *
 * @param cgroupRoot where cgroup hierarchies are mounted (v2 at it or at {@code unified} below it, v1 below it);
 *     empty to make no cgroups and use the
 *     {@code prlimit} fallback only
 * @param maxProcesses the most processes a job may have at once, 0 for no ceiling
 * @param maxCpuTime the most CPU time a job may use, zero for no ceiling
 */
public record JobLimitSettings(Optional<Path> cgroupRoot, int maxProcesses, Duration maxCpuTime) {
    /** Cgroups where the machine allows them, and no process or CPU-time ceiling. */
    public static final JobLimitSettings DEFAULT = new JobLimitSettings(Optional.of(JobCgroups.ROOT), 0);

    /** Checks the figures. */
    public JobLimitSettings {
        java.util.Objects.requireNonNull(cgroupRoot, "cgroupRoot must be given (empty for none)");
        java.util.Objects.requireNonNull(maxCpuTime, "maxCpuTime must be given (zero for none)");
        if (maxProcesses < 0) {
            throw new IllegalArgumentException("maxProcesses must not be negative, was " + maxProcesses);
        }
        if (maxCpuTime.isNegative()) {
            throw new IllegalArgumentException("maxCpuTime must not be negative, was " + maxCpuTime);
        }
    }

    /**
     * Settings without a CPU-time ceiling.
     *
     * @param cgroupRoot where cgroup hierarchies are mounted; empty for none
     * @param maxProcesses the most processes a job may have at once, 0 for no ceiling
     */
    public JobLimitSettings(Optional<Path> cgroupRoot, int maxProcesses) {
        this(cgroupRoot, maxProcesses, Duration.ZERO);
    }

    /**
     * Reads the sandbox settings {@code cgroups} ({@code auto}, the default, or {@code off}), {@code max-processes}
     * (a whole number, 0 for none, the default) and {@code max-cpu-time} (a duration such as {@code 10m}, 0 for
     * none, the default).
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
        return new JobLimitSettings(root, processes(config), cpuTime(config));
    }

    private static int processes(ProviderConfig config) {
        String processes = config.get("max-processes").orElse("0").strip();
        try {
            int max = Integer.parseInt(processes);
            if (max < 0) {
                throw new NumberFormatException();
            }
            return max;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(config.fullKey("max-processes") + " must be a whole number of processes, 0 for no limit, not '"
                    + processes + "'");
        }
    }

    private static Duration cpuTime(ProviderConfig config) {
        String value = config.get("max-cpu-time").orElse("0").strip();
        try {
            return value.equals("0") ? Duration.ZERO : Durations.parse(value);
        } catch (java.time.DateTimeException e) {
            throw new ConfigurationException(config.fullKey("max-cpu-time") + " must be a duration such as 90s or 10m, 0 for no limit, not '"
                    + value + "'");
        }
    }

    /**
     * A job's limits under these ceilings: the process and CPU-time limits become the smaller of the job's and the
     * worker's.
     *
     * @param limits the job's limits
     * @return the limits to enforce
     */
    SandboxLimits apply(SandboxLimits limits) {
        SandboxLimits capped = limits;
        if (maxProcesses > 0 && (limits.processes() == 0 || limits.processes() > maxProcesses)) {
            capped = capped.withProcesses(maxProcesses);
        }
        if (!maxCpuTime.isZero() && (limits.cpuTime().isZero() || limits.cpuTime().compareTo(maxCpuTime) > 0)) {
            capped = capped.withCpuTime(maxCpuTime);
        }
        return capped;
    }
}
