package io.resourcepool.launcher.bench;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The hub of the soak and of the fleet bench: {@code pool hub} in a process of its own, with a configuration file in
 * the scratch directory, on a port chosen once so that a hub killed and started again on the same data directory is
 * found where it was.
 */
final class HubProcess implements AutoCloseable {
    static final Secret ADMIN_PASSWORD = Secret.of("soak-admin-password");
    private static final Pattern LISTENING = Pattern.compile("ResourcePool hub listening on (\\S+):(\\d+)\\n");
    private static final Pattern FINGERPRINT = Pattern.compile("CA fingerprint \\(workers and clients pin it\\): ([0-9a-f:]+)\\n");
    private static final Duration START = Duration.ofSeconds(90);

    private final Path home;
    private final Path configFile;
    private final InetSocketAddress address;
    private final String heap;
    private String fingerprint;
    private TlsTransport clients;
    private PoolJvm jvm;

    private HubProcess(Path home, Path configFile, InetSocketAddress address, String heap) {
        this.home = home;
        this.configFile = configFile;
        this.address = address;
        this.heap = heap;
    }

    /**
     * Writes the hub's configuration and starts it.
     *
     * @param home the scratch directory
     * @param storeSettings the {@code store.*} settings (empty for the default SQLite file in the data directory)
     * @return the running hub
     */
    static HubProcess start(Path home, Map<String, String> storeSettings) {
        return start(home, storeSettings, "512m");
    }

    /**
     * Writes the hub's configuration and starts it.
     *
     * @param home the scratch directory
     * @param settings settings added to the soak's (or replacing them), such as {@code store.*}
     * @param heap its maximum heap, e.g. {@code 2g}
     * @return the running hub
     */
    static HubProcess start(Path home, Map<String, String> settings, String heap) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", freePort());
        Properties config = new Properties();
        config.putAll(Map.of("hub.bind", "127.0.0.1:" + address.getPort(), "hub.data-dir", home.resolve("hub").toString(),
                "hub.admin-password-env", "SOAK_ADMIN_PASSWORD", "auth.bcrypt-cost", "10",
                // faults play out within a short run: a stopped worker is given up after 5 s of silence
                "hub.heartbeat-interval", "1s", "hub.node-timeout", "5s", "auth.session-timeout", "12h",
                // a fleet of a thousand workers enrols and reconnects from one address
                "auth.enrolments-per-address", "100000", "hub.max-startups", "200:30:1000", "hub.per-source-max-startups", "1000"));
        config.putAll(settings);
        Path file = home.resolve("hub.properties");
        try (var out = Files.newBufferedWriter(file)) {
            config.store(out, "pool bench soak: the hub's configuration");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        HubProcess hub = new HubProcess(home, file, address, heap);
        hub.launch();
        return hub;
    }

    private void launch() {
        int from = jvm == null ? 0 : jvm.logText().length();
        jvm = PoolJvm.start("hub", home, heap, Map.of("SOAK_ADMIN_PASSWORD", ADMIN_PASSWORD.reveal()),
                List.of("hub", "--config", configFile.toString()));
        jvm.await(LISTENING, from, START);
        String printed = jvm.await(FINGERPRINT, from, START).group(1);
        if (fingerprint == null) {
            fingerprint = printed;
            clients = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(fingerprint))));
        } else if (!fingerprint.equals(printed)) {
            throw new IllegalStateException("the hub came back with another CA (" + printed + ", was " + fingerprint + ")");
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on loopback", e);
        }
    }

    /** Kills the hub with SIGKILL and starts it again on the same data directory and port. */
    void killAndRestart() {
        kill();
        restart();
    }

    /** Kills the hub with SIGKILL. */
    void kill() {
        jvm.killHard();
    }

    /** Starts the hub again on the same data directory and port, once killed. */
    void restart() {
        launch();
    }

    /** A new connection to the hub, not logged in. */
    PoolClient connect() {
        return PoolClient.connect(clients, address);
    }

    /** A new connection logged in as the admin. */
    PoolClient admin() {
        return connect().login("admin", ADMIN_PASSWORD);
    }

    InetSocketAddress address() {
        return address;
    }

    String hostPort() {
        return address.getHostString() + ":" + address.getPort();
    }

    String fingerprint() {
        return fingerprint;
    }

    PoolJvm jvm() {
        return jvm;
    }

    /** Stops the hub (SIGTERM, so it closes its store cleanly) and the client transport. */
    @Override
    public void close() {
        if (jvm != null) {
            jvm.stop(Duration.ofSeconds(30));
        }
        if (clients != null) {
            clients.close();
        }
    }
}
