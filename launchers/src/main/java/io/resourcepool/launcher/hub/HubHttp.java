package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.http.HttpGateway;
import io.resourcepool.http.HttpSettings;
import io.resourcepool.http.metrics.PoolMetrics;
import io.resourcepool.http.server.DecoyPaths;
import io.resourcepool.http.server.SecurityTxt;
import io.resourcepool.http.ui.Dashboard;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.transport.tls.CertificateFiles;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The hub's HTTPS API as configured: none when {@code http.bind} is not set (or {@code off}); otherwise the JSON API
 * and {@code /metrics} on that address, with the hub's own server certificate or the operator's
 * ({@code http.tls-certificate} and {@code http.tls-key}), and the metrics fed by the hub. To serve more from the hub
 * (the dashboard), mount its handlers on the builder in {@link #start}.
 *
 * @param settings how to serve
 * @param metrics the metrics, whose observer the hub must be built with
 * @param certificate the operator's certificate, when given: its files and how often to look for a renewal
 * @param decoys the honeypot's decoy paths ({@code honeypot.paths})
 * @param securityTxt {@code /.well-known/security.txt}, when {@code security.contact} is set
 */
record HubHttp(HttpSettings settings, PoolMetrics metrics, Optional<OperatorCertificate> certificate, DecoyPaths decoys,
        Optional<SecurityTxt> securityTxt) {
    /** How often the hub's own certificate is looked for anew; the CA reads its directory at most once a second anyway. */
    private static final Duration IDENTITY_CHECK = Duration.ofSeconds(1);

    /**
     * An operator's certificate for HTTPS.
     *
     * @param files the certificate chain and key
     * @param checkEvery how often the files are checked for a renewal; zero for never
     */
    record OperatorCertificate(CertificateFiles files, Duration checkEvery) {}

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
            return Optional.of(new HubHttp(metricsBind.map(settings::withMetricsOn).orElse(settings), PoolMetrics.create(),
                    operatorCertificate(s), DecoySettings.paths(s), securityTxt(s)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the HTTP API's configuration is not valid: " + e.getMessage()
                    .replace("maxBodyBytes", ConfigKey.HTTP_MAX_BODY_BYTES.key()).replace("metricsBind", ConfigKey.HTTP_METRICS_BIND.key())
                    .replace("idleTimeout", ConfigKey.HTTP_IDLE_TIMEOUT.key()).replace("maxConnections", ConfigKey.HTTP_MAX_CONNECTIONS.key())
                    .replace("minRequestDataRate", ConfigKey.HTTP_MIN_REQUEST_DATA_RATE.key())
                    .replace("bind", ConfigKey.HTTP_BIND.key()), e);
        }
    }

    /**
     * Reads {@code http.tls-*} and checks the files now, so a bad certificate stops the start before anything runs.
     * An expired certificate is refused rather than served with a warning: every browser would refuse it anyway,
     * and a hub that starts "fine" would hide the fault until someone opens the dashboard.
     */
    private static Optional<OperatorCertificate> operatorCertificate(Settings s) {
        boolean chainGiven = s.text(ConfigKey.HTTP_TLS_CERTIFICATE).isPresent();
        boolean keyGiven = s.text(ConfigKey.HTTP_TLS_KEY).isPresent();
        if (!chainGiven && !keyGiven) {
            return Optional.empty();
        }
        if (chainGiven != keyGiven) {
            ConfigKey given = chainGiven ? ConfigKey.HTTP_TLS_CERTIFICATE : ConfigKey.HTTP_TLS_KEY;
            ConfigKey missing = chainGiven ? ConfigKey.HTTP_TLS_KEY : ConfigKey.HTTP_TLS_CERTIFICATE;
            throw new ConfigurationException(given.key() + " is set but " + missing.key() + " is not: the HTTPS certificate needs both"
                    + " its chain and its key (certbot's fullchain.pem and privkey.pem); set both, or neither to serve the hub's own");
        }
        CertificateFiles files = new CertificateFiles(s.path(ConfigKey.HTTP_TLS_CERTIFICATE), s.path(ConfigKey.HTTP_TLS_KEY));
        try {
            files.read(Instant.now());
        } catch (ConfigurationException e) {
            throw new ConfigurationException(ConfigKey.HTTP_TLS_CERTIFICATE.key() + " / " + ConfigKey.HTTP_TLS_KEY.key() + ": "
                    + e.getMessage(), e);
        }
        return Optional.of(new OperatorCertificate(files, s.duration(ConfigKey.HTTP_TLS_CHECK_INTERVAL)));
    }

    /**
     * Reads {@code security.*}: no file without a contact; the expiry a given date (midnight UTC) or instant, or a
     * year from now (RFC 9116 wants it less than a year ahead, so a hub restarted now and then keeps it fresh).
     */
    static Optional<SecurityTxt> securityTxt(Settings s) {
        Optional<String> contacts = s.text(ConfigKey.SECURITY_CONTACT);
        if (contacts.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant expires = s.text(ConfigKey.SECURITY_EXPIRES).map(HubHttp::instantOf).orElse(Instant.now().plus(Duration.ofDays(365)));
            return Optional.of(new SecurityTxt(java.util.Arrays.stream(contacts.get().split(",")).map(String::strip)
                    .filter(c -> !c.isEmpty()).map(SecurityTxt::contact).toList(), expires, s.text(ConfigKey.SECURITY_POLICY).orElse("")));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ConfigurationException(ConfigKey.SECURITY_CONTACT.key() + " / " + ConfigKey.SECURITY_EXPIRES.key() + ": " + e.getMessage(), e);
        }
    }

    private static Instant instantOf(String text) {
        return text.contains("T") ? Instant.parse(text) : java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    /**
     * Starts serving a started hub: the API, {@code /metrics} and the web dashboard at {@code /ui/}.
     *
     * @param hub the hub, built with {@code metrics.observer()}
     * @param ca the hub's CA: its server key and certificate are served unless the operator gave one, and followed
     *     when its TLS directory changes (checked at most once a second); agents' client certificates are checked
     *     against the CAs it trusts (two during a CA rotation)
     * @return the running gateway
     */
    HttpGateway start(Hub hub, HubCertificateAuthority ca) {
        metrics.watch(hub);
        HttpGateway.Builder builder = HttpGateway.builder().hub(hub).settings(settings).metrics(metrics).decoys(decoys)
                .agentCas(ca::trustedCaCertificates);
        securityTxt.ifPresent(builder::securityTxt);
        certificate.ifPresentOrElse(c -> builder.certificateFiles(c.files(), c.checkEvery()),
                () -> builder.followedIdentity(ca::serverKeyMaterial, ca::reloadedGeneration, IDENTITY_CHECK));
        return Dashboard.mountOn(builder).start();
    }
}
