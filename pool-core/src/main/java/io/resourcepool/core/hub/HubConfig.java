package io.resourcepool.core.hub;

import io.resourcepool.core.auth.AuthConfig;
import io.resourcepool.core.auth.RateLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a hub behaves. Every figure is checked; a bad one names its field.
 *
 * @param bind where to listen
 * @param dataDirectory where the hub keeps its session key (and, for the default parts, its CA and store)
 * @param heartbeatInterval how often workers report
 * @param nodeTimeout silence after which a worker counts as gone (at least two intervals)
 * @param defaultJobTimeout wall-clock limit of a job that sets none
 * @param certificateValidity how long a worker's certificate is valid
 * @param auth password, lockout and session settings
 * @param rateLimits how many failed logins and enrolment attempts one address may make
 * @param relay how much output is buffered for each follower of a job, and the largest output cap a job may ask for
 * @param startups how long a connection may stay unauthenticated, and how many may at once
 */
public record HubConfig(
        InetSocketAddress bind,
        Path dataDirectory,
        Duration heartbeatInterval,
        Duration nodeTimeout,
        Duration defaultJobTimeout,
        Duration certificateValidity,
        AuthConfig auth,
        RateLimits rateLimits,
        RelayLimits relay,
        StartupLimits startups) {
    /** Thirty days: short enough that a stolen key soon stops working, long enough to ride out a long outage. */
    public static final Duration DEFAULT_CERTIFICATE_VALIDITY = Duration.ofDays(30);

    /** Checks the figures. */
    public HubConfig {
        Objects.requireNonNull(bind, "bind must be given");
        Objects.requireNonNull(dataDirectory, "dataDirectory must be given");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(nodeTimeout, "nodeTimeout");
        positive(defaultJobTimeout, "defaultJobTimeout");
        positive(certificateValidity, "certificateValidity");
        Objects.requireNonNull(auth, "auth must be given");
        Objects.requireNonNull(rateLimits, "rateLimits must be given");
        Objects.requireNonNull(relay, "relay must be given");
        Objects.requireNonNull(startups, "startups must be given");
        if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("nodeTimeout (" + nodeTimeout + ") must be at least twice heartbeatInterval ("
                    + heartbeatInterval + "), or one late heartbeat would drop a node");
        }
    }

    /**
     * A configuration with the default output relay and startup limits.
     *
     * @param bind where to listen
     * @param dataDirectory where the hub keeps its files
     * @param heartbeatInterval how often workers report
     * @param nodeTimeout silence after which a worker counts as gone
     * @param defaultJobTimeout wall-clock limit of a job that sets none
     * @param certificateValidity how long a worker's certificate is valid
     * @param auth password, lockout and session settings
     * @param rateLimits how many failed logins and enrolment attempts one address may make
     */
    public HubConfig(InetSocketAddress bind, Path dataDirectory, Duration heartbeatInterval, Duration nodeTimeout,
            Duration defaultJobTimeout, Duration certificateValidity, AuthConfig auth, RateLimits rateLimits) {
        this(bind, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, certificateValidity, auth, rateLimits,
                RelayLimits.DEFAULTS, StartupLimits.defaults());
    }

    /**
     * A configuration with the default rate, output relay and startup limits.
     *
     * @param bind where to listen
     * @param dataDirectory where the hub keeps its files
     * @param heartbeatInterval how often workers report
     * @param nodeTimeout silence after which a worker counts as gone
     * @param defaultJobTimeout wall-clock limit of a job that sets none
     * @param certificateValidity how long a worker's certificate is valid
     * @param auth password, lockout and session settings
     */
    public HubConfig(InetSocketAddress bind, Path dataDirectory, Duration heartbeatInterval, Duration nodeTimeout,
            Duration defaultJobTimeout, Duration certificateValidity, AuthConfig auth) {
        this(bind, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, certificateValidity, auth,
                RateLimits.defaults());
    }

    /**
     * The defaults: 127.0.0.1 on a free port, heartbeats every 5 s, nodes gone after 15 s, jobs limited to
     * 1 h, worker certificates valid for 30 days (renewed by the workers when a third is left), and the default
     * authentication settings and rate limits.
     *
     * @param dataDirectory where the hub keeps its files
     * @return the configuration
     */
    public static HubConfig defaults(Path dataDirectory) {
        return new HubConfig(new InetSocketAddress("127.0.0.1", 0), dataDirectory, Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofHours(1), DEFAULT_CERTIFICATE_VALIDITY, AuthConfig.defaults());
    }

    /**
     * This configuration, with another lifetime for the worker certificates it signs.
     *
     * @param value how long a worker's certificate is valid
     * @return the new configuration
     */
    public HubConfig withCertificateValidity(Duration value) {
        return new HubConfig(bind, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, value, auth, rateLimits, relay, startups);
    }

    /**
     * This configuration, listening elsewhere.
     *
     * @param address where to listen
     * @return the new configuration
     */
    public HubConfig withBind(InetSocketAddress address) {
        return new HubConfig(address, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, certificateValidity, auth, rateLimits, relay, startups);
    }

    /**
     * This configuration, with other authentication settings.
     *
     * @param value the settings
     * @return the new configuration
     */
    public HubConfig withAuth(AuthConfig value) {
        return new HubConfig(bind, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, certificateValidity, value, rateLimits, relay, startups);
    }

    /**
     * This configuration, with other heartbeat timing.
     *
     * @param interval how often workers report
     * @param timeout silence after which a worker is gone
     * @return the new configuration
     */
    public HubConfig withHeartbeats(Duration interval, Duration timeout) {
        return new HubConfig(bind, dataDirectory, interval, timeout, defaultJobTimeout, certificateValidity, auth, rateLimits, relay, startups);
    }

    /**
     * This configuration, with other rate limits.
     *
     * @param value the limits
     * @return the new configuration
     */
    public HubConfig withRateLimits(RateLimits value) {
        return new HubConfig(bind, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, certificateValidity, auth, value, relay, startups);
    }

    /**
     * This configuration, with other output relay limits.
     *
     * @param value the limits
     * @return the new configuration
     */
    public HubConfig withRelay(RelayLimits value) {
        return new HubConfig(bind, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, certificateValidity, auth, rateLimits, value, startups);
    }

    /**
     * This configuration, with other limits on unauthenticated connections.
     *
     * @param value the limits
     * @return the new configuration
     */
    public HubConfig withStartups(StartupLimits value) {
        return new HubConfig(bind, dataDirectory, heartbeatInterval, nodeTimeout, defaultJobTimeout, certificateValidity, auth, rateLimits, relay, value);
    }

    private static void positive(Duration value, String field) {
        Objects.requireNonNull(value, field + " must be given");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
