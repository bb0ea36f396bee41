package io.resourcepool.http;

import io.resourcepool.api.Role;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the hub's HTTP API is served.
 *
 * @param bind where the API listens (HTTPS); port 0 takes a free port
 * @param allowTls12 whether TLS 1.2 is accepted besides TLS 1.3 (nothing older ever is)
 * @param maxBodyBytes the largest request body accepted; a larger one is answered 413 before it is read whole
 * @param metricsBind where {@code GET /metrics} is served without a token, when it has an address of its own; when
 *     empty it is served on {@code bind}, to bearers of a session whose role includes {@code metricsRole}
 * @param metricsRole the weakest role whose session may read {@code /metrics} on the API's address
 * @param idleTimeout how long a connection may stay silent before it is closed (a waiting {@code POST /v1/run}
 *     and a live output stream are exempt)
 * @param maxConnections connections served at once on each listener, 1 to 1,000,000; past it new ones wait in the
 *     listen backlog until one closes
 * @param minRequestDataRate bytes per second a request (its header, then its body) must arrive at, once it has
 *     taken {@link #SLOW_REQUEST_GRACE}; 0 for no minimum. The answers are exempt, so a quiet output stream is not
 */
public record HttpSettings(InetSocketAddress bind, boolean allowTls12, int maxBodyBytes, Optional<InetSocketAddress> metricsBind,
        Role metricsRole, Duration idleTimeout, int maxConnections, long minRequestDataRate) {
    /** The default body limit: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** The smallest body limit allowed: 1 KiB, room for any login or job request. */
    public static final int MIN_MAX_BODY_BYTES = 1024;
    /** The largest body limit allowed: 16 MiB. */
    public static final int MAX_MAX_BODY_BYTES = 16 << 20;

    /** The default connection limit: 1000. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** The default minimum request data rate: 1 KiB/s. */
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 1024;
    /** How long a request may take before its data rate is held to the minimum: a slow link's first seconds. */
    public static final Duration SLOW_REQUEST_GRACE = Duration.ofSeconds(5);

    /** Checks the fields. */
    public HttpSettings {
        Objects.requireNonNull(bind, "bind must be given");
        if (maxBodyBytes < MIN_MAX_BODY_BYTES || maxBodyBytes > MAX_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be between " + MIN_MAX_BODY_BYTES + " and " + MAX_MAX_BODY_BYTES
                    + ", was " + maxBodyBytes);
        }
        Objects.requireNonNull(metricsBind, "metricsBind must be given (empty to serve /metrics on the API's address)");
        Objects.requireNonNull(metricsRole, "metricsRole must be given");
        Objects.requireNonNull(idleTimeout, "idleTimeout must be given");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        if (maxConnections < 1 || maxConnections > 1_000_000) {
            throw new IllegalArgumentException("maxConnections must be between 1 and 1000000, was " + maxConnections);
        }
        if (minRequestDataRate < 0) {
            throw new IllegalArgumentException("minRequestDataRate must be 0 (none) or more bytes per second, was " + minRequestDataRate);
        }
        if (metricsBind.isPresent() && metricsBind.get().equals(bind) && bind.getPort() != 0) {
            throw new IllegalArgumentException("metricsBind must differ from bind (" + bind + "); leave it empty to serve /metrics there");
        }
    }

    /**
     * The defaults on an address: TLS 1.3 only, 64 KiB bodies, {@code /metrics} on the same address for any logged-in
     * user (viewer or more), connections closed after 30 s of silence, 1000 connections at once, requests held to
     * 1 KiB/s after their first 5 s.
     *
     * @param bind where to listen
     * @return the settings
     */
    public static HttpSettings on(InetSocketAddress bind) {
        return new HttpSettings(bind, false, DEFAULT_MAX_BODY_BYTES, Optional.empty(), Role.VIEWER, Duration.ofSeconds(30),
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MIN_REQUEST_DATA_RATE);
    }

    /**
     * These settings with TLS 1.2 allowed or not.
     *
     * @param allowed whether to accept TLS 1.2
     * @return the new settings
     */
    public HttpSettings withTls12(boolean allowed) {
        return new HttpSettings(bind, allowed, maxBodyBytes, metricsBind, metricsRole, idleTimeout, maxConnections, minRequestDataRate);
    }

    /**
     * These settings with another body limit.
     *
     * @param bytes the largest body accepted
     * @return the new settings
     */
    public HttpSettings withMaxBodyBytes(int bytes) {
        return new HttpSettings(bind, allowTls12, bytes, metricsBind, metricsRole, idleTimeout, maxConnections, minRequestDataRate);
    }

    /**
     * These settings with {@code /metrics} on an address of its own, without a token.
     *
     * @param address where to serve it
     * @return the new settings
     */
    public HttpSettings withMetricsOn(InetSocketAddress address) {
        return new HttpSettings(bind, allowTls12, maxBodyBytes, Optional.of(address), metricsRole, idleTimeout, maxConnections, minRequestDataRate);
    }

    /**
     * These settings with another role needed for {@code /metrics} on the API's address.
     *
     * @param role the weakest role allowed
     * @return the new settings
     */
    public HttpSettings withMetricsRole(Role role) {
        return new HttpSettings(bind, allowTls12, maxBodyBytes, metricsBind, role, idleTimeout, maxConnections, minRequestDataRate);
    }

    /**
     * These settings with another idle timeout.
     *
     * @param timeout how long a connection may be silent
     * @return the new settings
     */
    public HttpSettings withIdleTimeout(Duration timeout) {
        return new HttpSettings(bind, allowTls12, maxBodyBytes, metricsBind, metricsRole, timeout, maxConnections, minRequestDataRate);
    }

    /**
     * These settings with another connection limit.
     *
     * @param connections connections served at once on each listener
     * @return the new settings
     */
    public HttpSettings withMaxConnections(int connections) {
        return new HttpSettings(bind, allowTls12, maxBodyBytes, metricsBind, metricsRole, idleTimeout, connections, minRequestDataRate);
    }

    /**
     * These settings with another minimum request data rate.
     *
     * @param bytesPerSecond the minimum, 0 for none
     * @return the new settings
     */
    public HttpSettings withMinRequestDataRate(long bytesPerSecond) {
        return new HttpSettings(bind, allowTls12, maxBodyBytes, metricsBind, metricsRole, idleTimeout, maxConnections, bytesPerSecond);
    }
}
