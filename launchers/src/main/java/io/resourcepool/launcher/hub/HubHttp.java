package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Role;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.http.HttpGateway;
import io.resourcepool.http.HttpSettings;
import io.resourcepool.http.metrics.PoolMetrics;
import io.resourcepool.http.ui.Dashboard;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.transport.tls.KeyMaterial;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The hub's HTTPS API as configured: none when {@code http.bind} is not set (or {@code off}); otherwise the JSON API
 * and {@code /metrics} on that address, with the hub's own server certificate, and the metrics fed by the hub. To
 * serve more from the hub (the dashboard), mount its handlers on the builder in {@link #start}.
 *
 * @param settings how to serve
 * @param metrics the metrics, whose observer the hub must be built with
 */
record HubHttp(HttpSettings settings, PoolMetrics metrics) {

    /**
     * Reads the {@code http.*} keys, before anything is started.
     *
     * @param s the configuration
     * @return the plan, or empty for no HTTP server
     * @throws ConfigurationException naming the key at fault
     */
    static Optional<HubHttp> plan(Settings s) {
        Optional<InetSocketAddress> bind = s.optionalAddress(ConfigKey.HTTP_BIND);
        if (bind.isEmpty()) {
            return Optional.empty();
        }
        Role metricsRole;
        try {
            metricsRole = Role.fromWireName(s.required(ConfigKey.HTTP_METRICS_ROLE));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ConfigKey.HTTP_METRICS_ROLE.key() + ": " + e.getMessage(), e);
        }
        try {
            HttpSettings settings = HttpSettings.on(bind.get()).withTls12(s.bool(ConfigKey.HTTP_ALLOW_TLS12))
                    .withMaxBodyBytes(s.integer(ConfigKey.HTTP_MAX_BODY_BYTES)).withMetricsRole(metricsRole)
                    .withIdleTimeout(s.duration(ConfigKey.HTTP_IDLE_TIMEOUT)).withMaxConnections(s.integer(ConfigKey.HTTP_MAX_CONNECTIONS))
                    .withMinRequestDataRate(s.integer(ConfigKey.HTTP_MIN_REQUEST_DATA_RATE));
            Optional<InetSocketAddress> metricsBind = s.optionalAddress(ConfigKey.HTTP_METRICS_BIND);
            return Optional.of(new HubHttp(metricsBind.map(settings::withMetricsOn).orElse(settings), PoolMetrics.create()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the HTTP API's configuration is not valid: " + e.getMessage()
                    .replace("maxBodyBytes", ConfigKey.HTTP_MAX_BODY_BYTES.key()).replace("metricsBind", ConfigKey.HTTP_METRICS_BIND.key())
                    .replace("idleTimeout", ConfigKey.HTTP_IDLE_TIMEOUT.key()).replace("maxConnections", ConfigKey.HTTP_MAX_CONNECTIONS.key())
                    .replace("minRequestDataRate", ConfigKey.HTTP_MIN_REQUEST_DATA_RATE.key())
                    .replace("bind", ConfigKey.HTTP_BIND.key()), e);
        }
    }

    /**
     * Starts serving a started hub: the API, {@code /metrics} and the web dashboard at {@code /ui/}.
     *
     * @param hub the hub, built with {@code metrics.observer()}
     * @param identity the hub's server key and certificate
     * @return the running gateway
     */
    HttpGateway start(Hub hub, KeyMaterial identity) {
        metrics.watch(hub);
        return Dashboard.mountOn(HttpGateway.builder().hub(hub).identity(identity).settings(settings).metrics(metrics)).start();
    }
}
