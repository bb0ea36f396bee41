package io.resourcepool.examples;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubBuilder;
import io.resourcepool.core.hub.HubConfig;
import io.resourcepool.store.sqlite.SqliteStore;
import io.resourcepool.store.sqlite.SqliteStoreConfig;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.TlsTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Example 1: a hub inside your own program, with the default parts: a SQLite file for its state, its own
 * certificate authority, and TLS 1.3 on {@code 127.0.0.1} on a free port. The other examples start theirs
 * through {@link #start}.
 *
 * <p>The hub never closes what it was handed (store, transport), so this class owns them and closes them
 * after the hub, in reverse order of opening.
 */
public final class EmbeddedHub implements AutoCloseable {
    private final SqliteStore store;
    private final TlsTransport transport;
    private final Hub hub;
    private final String caFingerprint;

    private EmbeddedHub(SqliteStore store, TlsTransport transport, Hub hub, String caFingerprint) {
        this.store = store;
        this.transport = transport;
        this.hub = hub;
        this.caFingerprint = caFingerprint;
    }

    /**
     * Starts a hub in the directory given (or a new temporary one) and runs it until Enter is pressed.
     *
     * @param args optionally, the hub's data directory
     * @throws IOException when the directory cannot be made or standard input read
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("resourcepool-hub-");
        // A throwaway: a real application reads the first admin's password from a prompt, a file or the environment.
        Secret adminPassword = Secret.of(UUID.randomUUID().toString());
        try (EmbeddedHub hub = start(dir, adminPassword)) {
            System.out.println("hub listening on " + hub.address() + ", data in " + dir);
            System.out.println("CA fingerprint " + hub.caFingerprint() + " (workers and clients pin it)");
            System.out.println("press Enter to stop");
            System.in.read();
        }
    }

    /**
     * Starts a hub with the production defaults ({@link HubConfig#defaults}: bcrypt cost 12 among them).
     *
     * @param dataDirectory where the hub keeps its database, CA and session key; made when missing
     * @param adminPassword the password of {@code admin}, made on the first start only
     * @return the running hub
     */
    public static EmbeddedHub start(Path dataDirectory, Secret adminPassword) {
        return start(dataDirectory, adminPassword, builder -> {});
    }

    /**
     * Starts a hub, letting the caller add or swap parts on the builder before it is built: another
     * scheduler (see {@link CustomScheduler}), another clock, or a cheaper password hasher for tests.
     *
     * @param dataDirectory where the hub keeps its database, CA and session key; made when missing
     * @param adminPassword the password of {@code admin}, made on the first start only
     * @param moreParts changes to the builder; an instance set here wins over the defaults
     * @return the running hub
     */
    public static EmbeddedHub start(Path dataDirectory, Secret adminPassword, Consumer<HubBuilder> moreParts) {
        createDirectories(dataDirectory);
        // Made on the first start and kept in dataDirectory/tls: after a restart, enrolled workers still trust this hub.
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDirectory, InstantSource.system());
        SqliteStore store = new SqliteStore(SqliteStoreConfig.inDirectory(dataDirectory));
        store.open();
        TlsTransport transport = new TlsTransport(ca.serverConfig());
        try {
            HubBuilder builder = Hub.builder()
                    .transport(transport)
                    .store(store)
                    .certificateIssuer(ca.issuer()) // without an issuer the hub enrolls no workers
                    .config(HubConfig.defaults(dataDirectory))
                    .firstAdminPassword(adminPassword);
            moreParts.accept(builder);
            return new EmbeddedHub(store, transport, builder.build().start(), ca.fingerprint().toString());
        } catch (RuntimeException e) {
            transport.close();
            store.close();
            throw e;
        }
    }

    /**
     * Where the hub listens.
     *
     * @return the address, with the port the system chose
     */
    public InetSocketAddress address() {
        return hub.address();
    }

    /**
     * The SHA-256 fingerprint of the hub's CA. Hand it to workers and clients out of band: they pin the hub
     * by it, so nobody in between can pose as the hub.
     *
     * @return the fingerprint in hex
     */
    public String caFingerprint() {
        return caFingerprint;
    }

    /** Stops the hub, then closes the transport and the store. */
    @Override
    public void close() {
        hub.close();
        transport.close();
        store.close();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationException("cannot make the hub's data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
