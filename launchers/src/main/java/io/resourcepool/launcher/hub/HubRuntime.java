package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.scheduler.SchedulerProvider;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.StoreProvider;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.core.auth.AuthConfig;
import io.resourcepool.core.auth.FirstAdmin;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubConfig;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.TlsTransport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A hub assembled from configuration with the default parts: the configured store, the hub's own CA and TLS
 * transport, the configured scheduler. Owns all of them and closes them in reverse order; a failed start closes
 * what was opened.
 */
public final class HubRuntime implements AutoCloseable {
    /** The core's checks name record fields; the person reading the error wrote configuration keys. */
    private static final Map<String, ConfigKey> FIELD_KEYS = Map.of("bcryptCost", ConfigKey.AUTH_BCRYPT_COST,
            "lockThreshold", ConfigKey.AUTH_LOCKOUT_THRESHOLD, "lockDuration", ConfigKey.AUTH_LOCKOUT_DURATION,
            "sessionTimeout", ConfigKey.AUTH_SESSION_TIMEOUT, "heartbeatInterval", ConfigKey.HUB_HEARTBEAT_INTERVAL,
            "nodeTimeout", ConfigKey.HUB_NODE_TIMEOUT, "defaultJobTimeout", ConfigKey.HUB_JOB_TIMEOUT,
            "maxFrameBytes", ConfigKey.HUB_MAX_FRAME_BYTES, "frameDeadline", ConfigKey.HUB_FRAME_DEADLINE);

    private final Store store;
    private final TlsTransport transport;
    private final Hub hub;
    private final String fingerprint;

    private HubRuntime(Store store, TlsTransport transport, Hub hub, String fingerprint) {
        this.store = store;
        this.transport = transport;
        this.hub = hub;
        this.fingerprint = fingerprint;
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
        FrameLimits limits = frameLimits(settings);
        boolean tls12 = settings.bool(ConfigKey.HUB_ALLOW_TLS12);
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, InstantSource.system());
        Store store = openStore(settings, dataDir);
        TlsTransport transport = null;
        try {
            transport = new TlsTransport(ca.serverConfig().withLimits(limits).withTls12(tls12));
            String scheduler = settings.required(ConfigKey.SCHEDULER_TYPE);
            Hub.Builder builder = Hub.builder().transport(transport).store(store).config(config)
                    .certificateIssuer(ca.issuer())
                    .scheduler(Providers.select(SchedulerProvider.class, scheduler).create(ProviderConfig.of(scheduler, "scheduler", dataDir)));
            adminPassword.ifPresent(builder::firstAdminPassword);
            Hub hub = builder.build().start();
            return new HubRuntime(store, transport, hub, ca.fingerprint().toString());
        } catch (RuntimeException e) {
            if (transport != null) {
                transport.close();
            }
            store.close();
            throw e;
        }
    }

    static HubConfig hubConfig(Settings s, Path dataDir) {
        try {
            AuthConfig auth = new AuthConfig(s.integer(ConfigKey.AUTH_BCRYPT_COST), AuthConfig.defaults().bcryptThreads(),
                    AuthConfig.defaults().bcryptQueue(), s.integer(ConfigKey.AUTH_LOCKOUT_THRESHOLD),
                    s.duration(ConfigKey.AUTH_LOCKOUT_DURATION), s.duration(ConfigKey.AUTH_SESSION_TIMEOUT));
            return new HubConfig(s.address(ConfigKey.HUB_BIND), dataDir, s.duration(ConfigKey.HUB_HEARTBEAT_INTERVAL),
                    s.duration(ConfigKey.HUB_NODE_TIMEOUT), s.duration(ConfigKey.HUB_JOB_TIMEOUT),
                    java.time.Duration.ofDays(365), auth);
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    static FrameLimits frameLimits(Settings s) {
        try {
            return new FrameLimits(s.integer(ConfigKey.HUB_MAX_FRAME_BYTES), s.duration(ConfigKey.HUB_FRAME_DEADLINE));
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

    static Store openStore(Settings settings, Path dataDir) {
        String type = settings.required(ConfigKey.STORE_TYPE);
        Map<String, String> storeSettings = new HashMap<>(settings.withPrefix("store"));
        storeSettings.remove("type");
        Store store = Providers.select(StoreProvider.class, type).create(new ProviderConfig(type, "store", dataDir, storeSettings));
        store.open();
        return store;
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
     * A one-line description of the store.
     *
     * @return the description
     */
    public String storeDescription() {
        return store.describe();
    }

    @Override
    public void close() {
        hub.close();
        transport.close();
        store.close();
    }
}
