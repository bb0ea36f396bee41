package io.resourcepool.api.spi.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on one command. A zero means "no limit" for every figure but {@code outputBytes}.
 *
 * @param wallTime how long it may run before it is killed
 * @param cpuTime how much CPU time it may use
 * @param memoryBytes how much memory it may use
 * @param processes how many processes it may have at once
 * @param outputBytes how much output is passed on before the rest is cut with a marker; must be positive
 * @param cpus how many processors' worth of CPU it may use at once
 */
public record SandboxLimits(Duration wallTime, Duration cpuTime, long memoryBytes, int processes, long outputBytes, int cpus) {
    /** Checks the figures. */
    public SandboxLimits {
        Objects.requireNonNull(wallTime, "wallTime must be given");
        Objects.requireNonNull(cpuTime, "cpuTime must be given");
        if (wallTime.isNegative() || cpuTime.isNegative() || memoryBytes < 0 || processes < 0 || cpus < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (outputBytes <= 0) {
            throw new IllegalArgumentException("outputBytes must be positive, was " + outputBytes);
        }
    }

    /**
     * Limits without a CPU share.
     *
     * @param wallTime how long it may run before it is killed
     * @param cpuTime how much CPU time it may use
     * @param memoryBytes how much memory it may use
     * @param processes how many processes it may have at once
     * @param outputBytes how much output is passed on before the rest is cut with a marker
     */
    public SandboxLimits(Duration wallTime, Duration cpuTime, long memoryBytes, int processes, long outputBytes) {
        this(wallTime, cpuTime, memoryBytes, processes, outputBytes, 0);
    }

    /**
     * Only a wall-time limit and an output cap.
     *
     * @param wallTime the wall-time limit
     * @param outputBytes the output cap
     * @return the limits
     */
    public static SandboxLimits of(Duration wallTime, long outputBytes) {
        return new SandboxLimits(wallTime, Duration.ZERO, 0, 0, outputBytes);
    }

    /**
     * These limits with a process limit.
     *
     * @param value how many processes it may have at once, 0 for no limit
     * @return the new limits
     */
    public SandboxLimits withProcesses(int value) {
        return new SandboxLimits(wallTime, cpuTime, memoryBytes, value, outputBytes, cpus);
    }

    /**
     * These limits with a CPU-time limit.
     *
     * @param value how much CPU time it may use, zero for no limit
     * @return the new limits
     */
    public SandboxLimits withCpuTime(Duration value) {
        return new SandboxLimits(wallTime, value, memoryBytes, processes, outputBytes, cpus);
    }
}
