package io.resourcepool.core.worker;

import io.resourcepool.core.net.HubAddresses;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a worker behaves.
 *
 * @param hubs the hubs to join, tried in turn (all hubs of one pool share its CA, which the worker pins)
 * @param dataDirectory where job work directories are made
 * @param hostname the name it reports (the hub chooses its node name from it)
 * @param labels labels for scheduling, for example {@code gpu=a100}
 * @param reconnectDelay the first wait after a lost connection; it doubles up to a minute
 * @param jobs whose jobs it runs, and what it keeps of them
 * @param gpuDeviceRoot the directory holding the GPUs' device nodes ({@code nvidia0}, {@code nvidiactl}, …), {@code /dev}
 *     but for tests: the nodes of a job's GPUs are taken from here
 */
public record WorkerConfig(HubAddresses hubs, Path dataDirectory, String hostname, Map<String, String> labels, Duration reconnectDelay,
        JobPolicy jobs, Path gpuDeviceRoot) {
    /** Where device nodes are. */
    public static final Path DEVICES = Path.of("/dev");

    /** Checks the fields. */
    public WorkerConfig {
        Objects.requireNonNull(hubs, "hubs must be given");
        Objects.requireNonNull(dataDirectory, "dataDirectory must be given");
        Objects.requireNonNull(hostname, "hostname must be given");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels must be given"));
        Objects.requireNonNull(reconnectDelay, "reconnectDelay must be given");
        if (reconnectDelay.isNegative() || reconnectDelay.isZero()) {
            throw new IllegalArgumentException("reconnectDelay must be positive, was " + reconnectDelay);
        }
        Objects.requireNonNull(jobs, "jobs must be given");
        Objects.requireNonNull(gpuDeviceRoot, "gpuDeviceRoot must be given");
    }

    /**
     * Whose jobs a worker runs, and whether it keeps their work directories.
     *
     * @param owner the pool user who owns the worker, empty for none: where jobs share the worker's identity (its
     *     sandbox does not give {@code SEPARATE_IDENTITY}), only this user's jobs run
     * @param allowSharedIdentity run every user's jobs even where they share the worker's identity, and can read
     *     its key and each other's files
     * @param keepWorkDirectories keep each job's work directory (still 0700) when it ends, for debugging; removed
     *     otherwise
     */
    public record JobPolicy(String owner, boolean allowSharedIdentity, boolean keepWorkDirectories) {
        /** The default: no owner, shared identity refused, work directories removed. */
        public static final JobPolicy DEFAULT = new JobPolicy("", false, false);

        /** Checks the owner. */
        public JobPolicy {
            owner = Objects.requireNonNull(owner, "owner must be given (empty for none)").strip();
        }
    }

    /**
     * A worker of this machine's host name, no labels, reconnecting after 500 ms at first.
     *
     * @param hub the hub
     * @param dataDirectory its data directory
     * @return the configuration
     */
    public static WorkerConfig of(InetSocketAddress hub, Path dataDirectory) {
        return of(HubAddresses.of(hub), dataDirectory);
    }

    /**
     * A worker of this machine's host name joining any of several hubs, no labels, reconnecting after 500 ms at first.
     *
     * @param hubs the hubs, tried in turn
     * @param dataDirectory its data directory
     * @return the configuration
     */
    public static WorkerConfig of(HubAddresses hubs, Path dataDirectory) {
        return new WorkerConfig(hubs, dataDirectory, localHostname(), Map.of(), Duration.ofMillis(500), JobPolicy.DEFAULT, DEVICES);
    }

    /**
     * This configuration with labels.
     *
     * @param value the labels
     * @return the new configuration
     */
    public WorkerConfig withLabels(Map<String, String> value) {
        return new WorkerConfig(hubs, dataDirectory, hostname, value, reconnectDelay, jobs, gpuDeviceRoot);
    }

    /**
     * This configuration reporting another host name.
     *
     * @param value the host name
     * @return the new configuration
     */
    public WorkerConfig withHostname(String value) {
        return new WorkerConfig(hubs, dataDirectory, value, labels, reconnectDelay, jobs, gpuDeviceRoot);
    }

    /**
     * This configuration with another job policy.
     *
     * @param value whose jobs run, and what is kept of them
     * @return the new configuration
     */
    public WorkerConfig withJobs(JobPolicy value) {
        return new WorkerConfig(hubs, dataDirectory, hostname, labels, reconnectDelay, value, gpuDeviceRoot);
    }

    /**
     * This configuration taking GPU device nodes from another directory.
     *
     * @param value the directory standing in for {@code /dev}
     * @return the new configuration
     */
    public WorkerConfig withGpuDeviceRoot(Path value) {
        return new WorkerConfig(hubs, dataDirectory, hostname, labels, reconnectDelay, jobs, value);
    }

    static String localHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "worker";
        }
    }
}
