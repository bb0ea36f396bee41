package io.resourcepool.http;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.core.auth.PasswordHasher;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubConfig;
import io.resourcepool.core.hub.HubObserver;
import io.resourcepool.core.probe.FixedResourceProbe;
import io.resourcepool.http.metrics.PoolMetrics;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.TlsTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real hub serving its HTTP API for tests: its own CA in a temporary directory, TLS on free loopback ports for
 * both the binary protocol and HTTPS, an in-memory store, cheap bcrypt, a manual clock (unless the test wants
 * wall-clock job timings), and metrics. Its HTTP client trusts only the hub's CA and checks the server's name
 * against its certificate, as curl does. Real workers join on request.
 */
final class GatewayFixture implements AutoCloseable {
    static final Secret ADMIN_PASSWORD = Secret.of("admin-password-1");

    final ManualClock clock = ManualClock.startingAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final Path dir;
    final HubCertificateAuthority ca;
    final InMemoryStore store = InMemoryStore.opened();
    final PoolMetrics metrics = PoolMetrics.create();
    final Hub hub;
    final HttpGateway gateway;
    final HttpClient http;

    private final PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 2, 64);
    private final TlsTransport transport;
    private final TestWorkers workers = new TestWorkers();

    private GatewayFixture(Path dir, boolean wallClock, UnaryOperator<HubConfig> hubConfig, UnaryOperator<HttpSettings> httpSettings) {
        this(dir, wallClock, hubConfig, httpSettings, fixture -> HubObserver.NONE, UnaryOperator.identity());
    }

    private GatewayFixture(Path dir, boolean wallClock, UnaryOperator<HubConfig> hubConfig, UnaryOperator<HttpSettings> httpSettings,
            Function<GatewayFixture, HubObserver> alsoObserve, UnaryOperator<HttpGateway.Builder> gatewayTuning) {
        this(dir, wallClock, hubConfig, httpSettings, alsoObserve, gatewayTuning, false);
    }

    private GatewayFixture(Path dir, boolean wallClock, UnaryOperator<HubConfig> hubConfig, UnaryOperator<HttpSettings> httpSettings,
            Function<GatewayFixture, HubObserver> alsoObserve, UnaryOperator<HttpGateway.Builder> gatewayTuning, boolean agents) {
        this.dir = dir;
        ca = HubCertificateAuthority.openOrCreate(dir.resolve("hub"), InstantSource.system());
        transport = new TlsTransport(ca.serverConfig());
        hub = Hub.builder().transport(transport).store(store).passwordHasher(hasher).firstAdminPassword(ADMIN_PASSWORD)
                .certificateIssuer(ca.issuer()).clock(wallClock ? InstantSource.system() : clock).observer(metrics.observer().and(alsoObserve.apply(this)))
                .config(hubConfig.apply(HubConfig.defaults(dir.resolve("hub")))).build().start();
        metrics.watch(hub);
        HttpGateway.Builder builder = HttpGateway.builder().hub(hub).identity(ca.serverKeyMaterial()).metrics(metrics)
                .settings(httpSettings.apply(HttpSettings.on(new java.net.InetSocketAddress("127.0.0.1", 0))));
        // a gateway serving agents follows the CA as the hub's does: its CAs for agents, its server certificate for HTTPS
        gateway = gatewayTuning.apply(agents ? builder.agentCas(ca::trustedCaCertificates)
                .followedIdentity(ca::serverKeyMaterial, ca::reloadedGeneration, Duration.ofMillis(200)) : builder).start();
        http = HttpClient.newBuilder().sslContext(trusting(ca)).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A hub on the manual clock with the default settings. */
    static GatewayFixture start(Path dir) {
        return new GatewayFixture(dir, false, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** A hub on the manual clock, configured as given. */
    static GatewayFixture start(Path dir, UnaryOperator<HubConfig> hubConfig, UnaryOperator<HttpSettings> httpSettings) {
        return new GatewayFixture(dir, false, hubConfig, httpSettings);
    }

    /** A hub on the manual clock that also tells an observer made for it (its store and metrics are ready), with its gateway tuned as given. */
    static GatewayFixture observed(Path dir, Function<GatewayFixture, HubObserver> alsoObserve, UnaryOperator<HttpGateway.Builder> gatewayTuning) {
        return new GatewayFixture(dir, false, UnaryOperator.identity(), UnaryOperator.identity(), alsoObserve, gatewayTuning);
    }

    /** A hub on the manual clock, configured as given, whose gateway serves agents (checked against the hub's CA). */
    static GatewayFixture withAgents(Path dir, UnaryOperator<HubConfig> hubConfig, UnaryOperator<HttpSettings> httpSettings) {
        return new GatewayFixture(dir, false, hubConfig, httpSettings, fixture -> HubObserver.NONE, UnaryOperator.identity(), true);
    }

    /** A hub on the wall clock, for tests that measure how long jobs wait and run. */
    static GatewayFixture onWallClock(Path dir) {
        return new GatewayFixture(dir, true, UnaryOperator.identity(), UnaryOperator.identity());
    }

    static SSLContext trusting(HubCertificateAuthority ca) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("hub-ca", ca.caCertificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test CA", e);
        }
    }

    /** The API's routes as the server serves them: method and template. */
    java.util.List<Map.Entry<String, String>> apiRoutes() {
        return gateway.apiRoutes();
    }

    URI uri(String path) {
        return gateway.uri().resolve(path);
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        return token.isEmpty() ? builder : builder.header("Authorization", "Bearer " + token);
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Reply post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply postEmpty(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Logs in over HTTP and returns the bearer token. */
    String login(String user, Secret password) {
        Reply reply = post("/v1/auth/login", "", "{\"username\":\"" + user + "\",\"password\":\"" + password.reveal() + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("login of " + user + " failed: " + reply);
        }
        return reply.json().path("token").asText();
    }

    String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** Adds a user through the hub's own client, not over HTTP. */
    void addUser(String name, Role role, Secret password) {
        try (PoolClient admin = admin()) {
            admin.admin().addUser(name, role, password);
        }
    }

    PoolClient admin() {
        return PoolClient.over(hub.connectInProcess("127.0.0.1:1"), hub.maxFrameBytes()).login("admin", ADMIN_PASSWORD);
    }

    /** Starts a real worker and waits until it has registered. */
    NodeId startWorker(String name, Map<String, String> labels) throws Exception {
        return startWorker(name, labels, new FixedResourceProbe(TestWorkers.RESOURCES));
    }

    /** Starts a real worker that reports what the probe measures, and waits until it has registered. */
    NodeId startWorker(String name, Map<String, String> labels, ResourceProbe probe) throws Exception {
        JoinTokenGrant grant;
        try (PoolClient admin = admin()) {
            grant = admin.admin().createJoinToken(Duration.ofMinutes(5));
        }
        return workers.start(hub.address(), ca.fingerprint().toString(), dir.resolve(name), name, labels, grant.token(), probe);
    }

    @Override
    public void close() {
        gateway.close();
        workers.close();
        hub.close();
        transport.close();
        hasher.close();
        store.close();
    }
}
