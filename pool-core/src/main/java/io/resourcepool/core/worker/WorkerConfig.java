package io.resourcepool.core.worker;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a worker behaves.
 *
 * @param hub the hub to join
 * @param dataDirectory where job work directories are made
 * @param hostname the name it reports (the hub chooses its node name from it)
 * @param labels labels for scheduling, for example {@code gpu=a100}
 * @param reconnectDelay the first wait after a lost connection; it doubles up to a minute
 */
public record WorkerConfig(InetSocketAddress hub, Path dataDirectory, String hostname, Map<String, String> labels, Duration reconnectDelay) {
    /** Checks the fields. */
    public WorkerConfig {
        Objects.requireNonNull(hub, "hub must be given");
        Objects.requireNonNull(dataDirectory, "dataDirectory must be given");
        Objects.requireNonNull(hostname, "hostname must be given");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels must be given"));
        Objects.requireNonNull(reconnectDelay, "reconnectDelay must be given");
        if (reconnectDelay.isNegative() || reconnectDelay.isZero()) {
            throw new IllegalArgumentException("reconnectDelay must be positive, was " + reconnectDelay);
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
        return new WorkerConfig(hub, dataDirectory, localHostname(), Map.of(), Duration.ofMillis(500));
    }

    /**
     * This configuration with labels.
     *
     * @param value the labels
     * @return the new configuration
     */
    public WorkerConfig withLabels(Map<String, String> value) {
        return new WorkerConfig(hub, dataDirectory, hostname, value, reconnectDelay);
    }

    /**
     * This configuration reporting another host name.
     *
     * @param value the host name
     * @return the new configuration
     */
    public WorkerConfig withHostname(String value) {
        return new WorkerConfig(hub, dataDirectory, value, labels, reconnectDelay);
    }

    static String localHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "worker";
        }
    }
}
