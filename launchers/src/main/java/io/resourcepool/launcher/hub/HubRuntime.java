package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.HubId;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.NamedProvider;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.api.spi.scheduler.SchedulerProvider;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.StoreProvider;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.core.audit.AnchorSettings;
import io.resourcepool.core.audit.SyslogCopy;
import io.resourcepool.core.alert.AlertConfig;
import io.resourcepool.core.alert.AlertCounters;
import io.resourcepool.core.alert.AlertKind;
import io.resourcepool.core.alert.AlertNotifier;
import io.resourcepool.core.auth.AuthConfig;
import io.resourcepool.core.auth.FirstAdmin;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.hub.DiskReserve;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubBuilder;
import io.resourcepool.core.hub.HubConfig;
import io.resourcepool.core.hub.HubObserver;
import io.resourcepool.core.hub.MaxStartups;
import io.resourcepool.core.hub.RelayLimits;
import io.resourcepool.core.hub.Retention;
import io.resourcepool.core.hub.StartupLimits;
import io.resourcepool.http.HttpGateway;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A hub assembled from configuration with the default parts: the configured store, the hub's own CA and TLS
 * transport, the configured scheduler. Owns all of them and closes them in reverse order; a failed start closes
 * what was opened.
 */
public final class HubRuntime implements AutoCloseable {
    /** The core's checks name record fields; the person reading the error wrote configuration keys. */
    private static final Map<String, ConfigKey> FIELD_KEYS = Map.ofEntries(
            Map.entry("bcryptCost", ConfigKey.AUTH_BCRYPT_COST), Map.entry("lockThreshold", ConfigKey.AUTH_LOCKOUT_THRESHOLD),
            Map.entry("lockDuration", ConfigKey.AUTH_LOCKOUT_DURATION), Map.entry("sessionTimeout", ConfigKey.AUTH_SESSION_TIMEOUT),
            Map.entry("refreshIdleTimeout", ConfigKey.AUTH_REFRESH_IDLE_TIMEOUT), Map.entry("refreshLifetime", ConfigKey.AUTH_REFRESH_LIFETIME),
            Map.entry("heartbeatInterval", ConfigKey.HUB_HEARTBEAT_INTERVAL), Map.entry("nodeTimeout", ConfigKey.HUB_NODE_TIMEOUT),
            Map.entry("defaultJobTimeout", ConfigKey.HUB_JOB_TIMEOUT), Map.entry("maxFrameBytes", ConfigKey.HUB_MAX_FRAME_BYTES),
            Map.entry("frameDeadline", ConfigKey.HUB_FRAME_DEADLINE), Map.entry("writeDeadline", ConfigKey.HUB_WRITE_TIMEOUT),
            Map.entry("followerBufferBytes", ConfigKey.HUB_FOLLOWER_BUFFER), Map.entry("maxOutputCapBytes", ConfigKey.HUB_MAX_OUTPUT_CAP),
            Map.entry("minFreeBytes", ConfigKey.HUB_MIN_FREE_DISK),
            Map.entry("loginFailuresPerAddress", ConfigKey.AUTH_LOGIN_FAILURES_PER_ADDRESS),
            Map.entry("enrolmentsPerAddress", ConfigKey.AUTH_ENROLMENTS_PER_ADDRESS),
            Map.entry("window", ConfigKey.AUTH_RATE_LIMIT_WINDOW), Map.entry("loginGraceTime", ConfigKey.HUB_LOGIN_GRACE_TIME),
            Map.entry("perSourceMaxStartups", ConfigKey.HUB_PER_SOURCE_MAX_STARTUPS), Map.entry("maxStartups", ConfigKey.HUB_MAX_STARTUPS),
            Map.entry("decoyAccounts", ConfigKey.HONEYPOT_ACCOUNTS));

    private final Store store;
    private final Transport transport;
    private final Hub hub;
    private final String fingerprint;
    private final Path dataDir;
    private final Optional<HttpGateway> http;
    private final boolean operatorHttpsCertificate;
    private final AlertNotifier alerts;

    private HubRuntime(Store store, Transport transport, Hub hub, String fingerprint, Path dataDir, Optional<HttpGateway> http,
            boolean operatorHttpsCertificate, AlertNotifier alerts) {
        this.alerts = alerts;
        this.store = store;
        this.transport = transport;
        this.hub = hub;
        this.fingerprint = fingerprint;
        this.dataDir = dataDir;
        this.http = http;
        this.operatorHttpsCertificate = operatorHttpsCertificate;
    }

    /**
     * Opens the store, loads or makes the CA, and starts the hub.
     *
     * @param settings the configuration
     * @param adminPassword the first admin's password, if given
     * @return the running hub
     */
    public static HubRuntime start(Settings settings, Optional<Secret> adminPassword) {
        Path dataDir = settings.path(ConfigKey.HUB_DATA_DIR);
        HubConfig config = hubConfig(settings, dataDir);
        DiskReserve reserve = diskReserve(settings);
        Retention retention = RetentionSettings.read(settings);
        AnchorSettings anchor = anchorSettings(settings, dataDir);
        FrameLimits limits = frameLimits(settings);
        boolean tls12 = settings.bool(ConfigKey.HUB_ALLOW_TLS12);
        Optional<HubHttp> httpPlan = HubHttp.plan(settings);
        AlertConfig alertConfig = AlertSettings.read(settings);
        Optional<SSLContext> alertTrust = AlertSettings.trust(settings);
        List<Secret> decoyJoinTokens = DecoySettings.joinTokens(settings);
        Optional<HubId> hubId = hubId(settings);
        // every provider is chosen and configured before anything is written to disk
        Scheduler scheduler = provider(settings, ConfigKey.SCHEDULER_TYPE, SchedulerProvider.class)
                .create(ProviderConfig.of(settings.required(ConfigKey.SCHEDULER_TYPE), "scheduler", dataDir));
        TransportProvider transportType = provider(settings, ConfigKey.TRANSPORT_TYPE, TransportProvider.class);
        Store store = unopenedStore(settings, dataDir);
        ownerOnlyDirectory(dataDir);
        KeySeal seal = keySeal(settings, dataDir);
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, InstantSource.system(), seal);
        Transport transport = null;
        Hub hub = null;
        AlertNotifier alerts = null;
        try {
            store.open();
            alerts = AlertNotifier.start(alertConfig, store.audit(), InstantSource.system(),
                    httpPlan.map(plan -> plan.metrics().alertCounters()).orElse(AlertCounters.NONE), alertTrust);
            // a source's concurrent handshakes are held to its share of unauthenticated connections: one knob for both
            // new handshakes follow the TLS directory: a replaced server certificate or a CA rotation needs no restart
            transport = HubTransport.open(transportType, dataDir, ca, c -> c.withLimits(limits).withTls12(tls12)
                    .withHandshakesPerSource(config.startups().perSourceMaxStartups()));
            HubBuilder builder = Hub.builder().transport(transport).store(store).config(config)
                    .certificateIssuer(ca.issuer()).scheduler(scheduler).diskReserve(reserve).retention(retention).auditAnchor(anchor).keySeal(seal)
                    .decoyJoinTokens(decoyJoinTokens);
            hubId.ifPresent(builder::hubId);
            settings.text(ConfigKey.AUDIT_CHECKPOINT_SYSLOG)
                    .ifPresent(server -> builder.auditCopy(new SyslogCopy(settings.address(ConfigKey.AUDIT_CHECKPOINT_SYSLOG), InstantSource.system())));
            if (settings.bool(ConfigKey.AUDIT_CHECKPOINT_ALERTS)) {
                AlertNotifier copies = alerts;
                builder.auditCopy(line -> copies.raise(AlertKind.AUDIT_CHECKPOINT, line, line));
            }
            settings.text(ConfigKey.STORE_FILE).map(file -> settings.path(ConfigKey.STORE_FILE).toAbsolutePath().getParent())
                    .ifPresent(builder::watchDisk);
            adminPassword.ifPresent(builder::firstAdminPassword);
            builder.observer(httpPlan.map(plan -> plan.metrics().observer()).orElse(HubObserver.NONE).and(alerts.observer()));
            hub = builder.build().start();
            Hub started = hub;
            Optional<HttpGateway> http = httpPlan.map(plan -> plan.start(started, ca));
            watchCertificates(alerts, ca, http);
            HubRuntime runtime = new HubRuntime(store, transport, hub, ca.fingerprint().toString(), dataDir, http,
                    httpPlan.flatMap(HubHttp::certificate).isPresent(), alerts);
            httpPlan.ifPresent(plan -> {
                plan.metrics().watchCertificate("ca", () -> Optional.of(ca.caCertificate()));
                plan.metrics().watchCertificate("https", runtime::httpCertificate);
            });
            return runtime;
        } catch (RuntimeException e) {
            if (alerts != null) {
                alerts.close();
            }
            if (hub != null) {
                hub.close();
            }
            if (transport != null) {
                transport.close();
            }
            store.close();
            throw e;
        }
    }

    /** The {@code hub.id} setting, checked; not set, the hub derives its name from the host name and its port. */
    static Optional<HubId> hubId(Settings settings) {
        try {
            return settings.text(ConfigKey.HUB_ID).map(HubId::of);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ConfigKey.HUB_ID.key() + " is not valid: " + e.getMessage());
        }
    }

    /**
     * The seal of the key files, from {@code hub.key-seal-env} or {@code hub.key-seal-file}; a sealing file inside the
     * data directory would seal nothing, and is refused.
     */
    static KeySeal keySeal(Settings settings, Path dataDir) {
        settings.text(ConfigKey.HUB_KEY_SEAL_FILE).map(f -> settings.path(ConfigKey.HUB_KEY_SEAL_FILE).toAbsolutePath().normalize())
                .filter(file -> file.startsWith(dataDir.toAbsolutePath().normalize()))
                .ifPresent(file -> {
                    throw new ConfigurationException(ConfigKey.HUB_KEY_SEAL_FILE.key() + " is " + file + ", inside hub.data-dir: a copy of the"
                            + " data directory would then hold the seal with what it seals; keep it on another mount");
                });
        return settings.secret(ConfigKey.HUB_KEY_SEAL_ENV, ConfigKey.HUB_KEY_SEAL_FILE).map(KeySeal::under).orElse(KeySeal.none());
    }

    /** The {@code audit.*} keys: the checkpoint file (in the data directory unless set) and how often it is written. */
    static AnchorSettings anchorSettings(Settings settings, Path dataDir) {
        Duration every = settings.duration(ConfigKey.AUDIT_CHECKPOINT_INTERVAL);
        if (!every.isPositive()) {
            throw new ConfigurationException(ConfigKey.AUDIT_CHECKPOINT_INTERVAL.key() + " must be a positive duration such as 10m, was " + every);
        }
        Path file = settings.text(ConfigKey.AUDIT_CHECKPOINT_FILE).map(f -> settings.path(ConfigKey.AUDIT_CHECKPOINT_FILE))
                .orElseGet(() -> dataDir.resolve(AnchorSettings.DEFAULT_FILE_NAME));
        return new AnchorSettings(file, every);
    }

    /** The certificates whose end would stop the pool: the CA's, the hub's own, and the one HTTPS serves (read anew, as it is renewed). */
    private static void watchCertificates(AlertNotifier alerts, HubCertificateAuthority ca, Optional<HttpGateway> http) {
        alerts.watchCertificate("hub CA", () -> ca.caCertificate().getNotAfter().toInstant());
        alerts.watchCertificate("hub TLS certificate", () -> ca.serverKeyMaterial().certificate().getNotAfter().toInstant());
        http.ifPresent(gateway -> alerts.watchCertificate("HTTPS certificate",
                () -> gateway.servedCertificateChain().get(0).getNotAfter().toInstant()));
    }

    /** The provider a {@code *.type} key names; an unknown type is reported with the key. */
    static <P extends NamedProvider> P provider(Settings settings, ConfigKey typeKey, Class<P> spi) {
        return typeKey.provider(spi, settings.required(typeKey));
    }

    /** The hub's data directory holds its CA key, session key and store: its owner's only, whatever the umask. */
    static void ownerOnlyDirectory(Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
            java.nio.file.Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new ConfigurationException("cannot make the hub's data directory " + dataDir + " private to its owner (0700): " + e.getMessage());
        }
    }

    static HubConfig hubConfig(Settings s, Path dataDir) {
        try {
            AuthConfig auth = AuthSettings.auth(s);
            RateLimits limits = AuthSettings.rateLimits(s);
            StartupLimits startups = new StartupLimits(s.duration(ConfigKey.HUB_LOGIN_GRACE_TIME),
                    MaxStartups.parse(s.required(ConfigKey.HUB_MAX_STARTUPS)), s.integer(ConfigKey.HUB_PER_SOURCE_MAX_STARTUPS));
            return new HubConfig(s.address(ConfigKey.HUB_BIND), dataDir, s.duration(ConfigKey.HUB_HEARTBEAT_INTERVAL),
                    s.duration(ConfigKey.HUB_NODE_TIMEOUT), s.duration(ConfigKey.HUB_JOB_TIMEOUT),
                    s.duration(ConfigKey.HUB_WORKER_CERTIFICATE_VALIDITY), auth, limits,
                    new RelayLimits(s.bytes(ConfigKey.HUB_FOLLOWER_BUFFER), s.bytes(ConfigKey.HUB_MAX_OUTPUT_CAP)),
                    startups);
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    /** The free space the hub keeps on its disk ({@code hub.min-free-disk}). */
    static DiskReserve diskReserve(Settings s) {
        try {
            return new DiskReserve(s.bytes(ConfigKey.HUB_MIN_FREE_DISK));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    static FrameLimits frameLimits(Settings s) {
        try {
            return new FrameLimits(s.integer(ConfigKey.HUB_MAX_FRAME_BYTES), s.duration(ConfigKey.HUB_FRAME_DEADLINE),
                    s.duration(ConfigKey.HUB_WRITE_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    private static ConfigurationException invalid(IllegalArgumentException e) {
        String message = e.getMessage();
        for (Map.Entry<String, ConfigKey> field : FIELD_KEYS.entrySet()) {
            message = message.replace(field.getKey(), field.getValue().key());
        }
        return new ConfigurationException("the hub's configuration is not valid: " + message, e);
    }

    /**
     * The store the settings describe, not yet opened: for the hub, and for tools that read a stopped hub's store.
     *
     * @param settings the hub's settings
     * @param dataDir its data directory
     * @return the store, to be opened and closed by the caller
     */
    public static Store unopenedStore(Settings settings, Path dataDir) {
        return provider(settings, ConfigKey.STORE_TYPE, StoreProvider.class).create(storeConfig(settings, dataDir));
    }

    /** The {@code store.*} keys but the type, for the store provider the type names. */
    static ProviderConfig storeConfig(Settings settings, Path dataDir) {
        Map<String, String> storeSettings = new HashMap<>(settings.withPrefix("store"));
        storeSettings.remove("type");
        return new ProviderConfig(settings.required(ConfigKey.STORE_TYPE), "store", dataDir, storeSettings);
    }

    /**
     * The hub.
     *
     * @return the hub
     */
    public Hub hub() {
        return hub;
    }

    /**
     * Where it listens.
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return hub.address();
    }

    /**
     * The SHA-256 fingerprint of the hub's CA, which workers and clients pin.
     *
     * @return the fingerprint
     */
    public String caFingerprint() {
        return fingerprint;
    }

    /**
     * What the first start did about the admin account.
     *
     * @return the outcome
     */
    public FirstAdmin.Outcome firstAdmin() {
        return hub.firstAdmin();
    }

    /**
     * The store the hub keeps its state in, for benchmarks that check what it recorded.
     *
     * @return the store, open while this runtime is
     */
    public Store store() {
        return store;
    }

    /**
     * A one-line description of the store.
     *
     * @return the description
     */
    public String storeDescription() {
        return store.describe();
    }

    /**
     * Where the HTTPS API is served, when it is.
     *
     * @return for example {@code https://127.0.0.1:7080}
     */
    public Optional<URI> httpUri() {
        return http.map(HttpGateway::uri);
    }

    /**
     * Where {@code /metrics} is served without a token, when it has an address of its own.
     *
     * @return the address
     */
    public Optional<URI> metricsUri() {
        return http.flatMap(HttpGateway::metricsUri);
    }

    /**
     * The certificate the HTTPS API presents now (after any renewal it picked up), when it is served.
     *
     * @return the leaf certificate
     */
    public Optional<X509Certificate> httpCertificate() {
        return http.map(gateway -> gateway.servedCertificateChain().get(0));
    }

    /**
     * Whether the HTTPS API serves the operator's certificate ({@code http.tls-certificate}) rather than one from the
     * hub's own CA.
     *
     * @return true for the operator's
     */
    public boolean httpServesOperatorCertificate() {
        return operatorHttpsCertificate;
    }

    /**
     * The CA certificate in PEM, for HTTPS clients such as {@code curl --cacert}.
     *
     * @return the file
     */
    public Path caCertificateFile() {
        return dataDir.resolve("tls").resolve("ca.pem");
    }

    @Override
    public void close() {
        http.ifPresent(HttpGateway::close);
        // before the hub, so that its own stop (every worker's connection closed) is not told as nodes gone offline
        alerts.close();
        hub.close();
        transport.close();
        store.close();
    }
}
