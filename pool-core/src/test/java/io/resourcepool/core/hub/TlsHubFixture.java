package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.core.auth.PasswordHasher;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLSocketFactory;

/**
 * A hub listening with real TLS on a free loopback port: its own CA in a temporary directory, an in-memory
 * store, a manual clock and cheap bcrypt. It hands out the peers the hostile-input tests need: well-behaved
 * clients, raw TLS clients, plain TCP sockets and workers with a given certificate; and closes them all.
 */
final class TlsHubFixture implements AutoCloseable {
    static final Secret ADMIN_PASSWORD = Secret.of("admin-password-1");
    /** Unauthenticated connections allowed by default in these tests: many, all from one address. */
    static final StartupLimits LOOPBACK_STARTUPS = new StartupLimits(Duration.ofSeconds(30), new MaxStartups(1_000, 30, 1_000), 1_000);

    /**
     * The hub's time. It starts at the wall clock's, because TLS checks certificates against the wall clock,
     * in whole milliseconds, as times travel on the wire.
     */
    final ManualClock clock = ManualClock.startingAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final HubCertificateAuthority ca;
    final InMemoryStore store = InMemoryStore.opened();
    /** The hub now; {@link #restartHub()} replaces it with a new one on the same store and data directory. */
    Hub hub;

    private final PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 2, 64);
    private final TlsTransport serverTransport;
    private final TlsTransport clientTransport;
    private final SSLSocketFactory rawTls;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final HubConfig config;
    private final HubObserver observer;
    private final UnaryOperator<HubBuilder> extras;

    private TlsHubFixture(Path dataDir, UnaryOperator<TlsTransportConfig> tuning, UnaryOperator<HubConfig> settings) {
        this(dataDir, tuning, settings, store -> HubObserver.NONE, UnaryOperator.identity());
    }

    private TlsHubFixture(Path dataDir, UnaryOperator<TlsTransportConfig> tuning, UnaryOperator<HubConfig> settings,
            Function<InMemoryStore, HubObserver> observerOf, UnaryOperator<HubBuilder> extras) {
        this.observer = observerOf.apply(store);
        this.extras = extras;
        ca = HubCertificateAuthority.openOrCreate(dataDir, InstantSource.system());
        // reloading, as the hub's is: a test may replace the server certificate or rotate the CA under a running hub
        serverTransport = ca.reloadingTransport(c -> tuning.apply(c.withHandshakesPerSource(LOOPBACK_STARTUPS.perSourceMaxStartups())));
        clientTransport = new TlsTransport(TlsTransportConfig.client(ca.trust()));
        rawTls = RawTlsClient.trusting(ca.caCertificate());
        // every peer here comes from 127.0.0.1, so the default per-source limit would turn every test of many
        // connections into a test of that limit; StartupLimitsTest tests the limits with figures of its own
        config = settings.apply(HubConfig.defaults(dataDir).withStartups(LOOPBACK_STARTUPS));
        hub = startHub();
    }

    private Hub startHub() {
        return extras.apply(Hub.builder()
                .transport(serverTransport)
                .store(store)
                .passwordHasher(hasher)
                .firstAdminPassword(ADMIN_PASSWORD)
                .certificateIssuer(ca.issuer())
                .clock(clock)
                .config(config)
                .observer(observer))
                .build()
                .start();
    }

    /**
     * Stops the hub, closing every connection, and starts a new one on the same store, data directory, CA and port.
     * A worker reconnecting meanwhile may for a moment hold the port itself (a connection to a port of the ephemeral
     * range with nothing listening can be given that same port as its own and connect to itself), so binding is
     * tried again until that connection has failed and gone.
     */
    void restartHub() {
        hub.close();
        await("the hub's port free again").atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(TransportException.class)
                .until(() -> {
                    hub = startHub();
                    return true;
                });
    }

    /** A hub with the default limits: 1 MiB frames, 10 s frame deadline, 10 s handshake timeout. */
    static TlsHubFixture start(Path dataDir) {
        return new TlsHubFixture(dataDir, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** A hub that gives up on slow peers early, so deadline tests are quick. */
    static TlsHubFixture impatient(Path dataDir, Duration frameDeadline, Duration handshakeTimeout) {
        return new TlsHubFixture(dataDir, config -> config
                .withLimits(new FrameLimits(FrameLimits.DEFAULT.maxFrameBytes(), frameDeadline))
                .withHandshakeTimeout(handshakeTimeout), UnaryOperator.identity());
    }

    /** A hub with its transport's and its own configuration changed as given. */
    static TlsHubFixture tuned(Path dataDir, UnaryOperator<TlsTransportConfig> tuning, UnaryOperator<HubConfig> settings) {
        return new TlsHubFixture(dataDir, tuning, settings);
    }

    /** The hub's CA's fingerprint, which workers pin. */
    String caFingerprint() {
        return ca.fingerprint().toString();
    }

    /**
     * A hub with the default transport limits, telling an observer made for its store what it does, configured and
     * built with the extras given.
     */
    static TlsHubFixture observed(Path dataDir, Function<InMemoryStore, HubObserver> observerOf, UnaryOperator<HubConfig> settings,
            UnaryOperator<HubBuilder> extras) {
        return new TlsHubFixture(dataDir, UnaryOperator.identity(), settings, observerOf, extras);
    }

    /** A hub with the default transport limits and its configuration changed as given. */
    static TlsHubFixture configured(Path dataDir, UnaryOperator<HubConfig> settings) {
        return new TlsHubFixture(dataDir, UnaryOperator.identity(), settings);
    }

    /** A well-behaved client, not logged in. */
    PoolClient connect() {
        return PoolClient.connect(clientTransport, address());
    }

    InetSocketAddress address() {
        return hub.address();
    }

    /** A client logged in as the given user with a one-time code (empty for none); closed again if the login fails. */
    PoolClient login(String user, Secret password, Secret code) {
        PoolClient client = connect();
        try {
            return client.login(user, password, code);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A well-behaved client, the real one, logged in as the admin. */
    PoolClient admin() {
        return PoolClient.connect(clientTransport, address()).login("admin", ADMIN_PASSWORD);
    }

    /**
     * Checks the hub still serves well-behaved clients: one that was connected all along, and a new one that
     * goes through the whole handshake and login.
     */
    void assertStillServes(PoolClient connectedAllAlong) {
        connectedAllAlong.ping();
        assertThat(connectedAllAlong.aggregate().computedAt()).isEqualTo(clock.instant());
        try (PoolClient fresh = admin()) {
            assertThat(fresh.role()).contains(Role.ADMIN);
            fresh.ping();
        }
    }

    /** How many bcrypt checks the hub has run, dummy ones included. */
    long bcryptChecks() {
        return hasher.verifications();
    }

    /** A raw TLS 1.3 client, handshake done, trusting this hub's CA. */
    RawTlsClient raw() {
        return track(RawTlsClient.connect(address(), rawTls));
    }

    /** A raw TLS 1.3 client with a small receive buffer, for tests of peers that stop reading. */
    RawTlsClient rawWithSmallReceiveBuffer() {
        return track(RawTlsClient.connect(address(), rawTls, 8 * 1024));
    }

    /** The TLS setup of raw clients, for tests that drive the handshake themselves. */
    SSLSocketFactory rawTls() {
        return rawTls;
    }

    /** A plain TCP connection to the hub's TLS port. */
    Socket plainTcp() {
        try {
            Socket socket = track(new Socket());
            socket.connect(address(), (int) RawTlsClient.PATIENCE.toMillis());
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the hub at " + address(), e);
        }
    }

    /** A worker's message channel to the hub, presenting the given certificate in the TLS handshake. */
    MessageChannel workerChannel(KeyMaterial identity) {
        TlsTransport transport = track(new TlsTransport(TlsTransportConfig.client(ca.trust()).withIdentity(identity)));
        return track(new MessageChannel(transport.connect(address()), new MessageCodec(transport.limits().maxFrameBytes())));
    }

    <T extends AutoCloseable> T track(T closeable) {
        synchronized (opened) {
            opened.add(closeable);
        }
        return closeable;
    }

    @Override
    public void close() throws Exception {
        hub.close();
        synchronized (opened) {
            for (AutoCloseable peer : opened.reversed()) {
                peer.close();
            }
        }
        clientTransport.close();
        serverTransport.close();
        hasher.close();
        store.close();
    }
}
