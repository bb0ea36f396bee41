package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.ConnectionHandler;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.core.net.HubDialer;
import io.resourcepool.core.worker.WorkerConfig;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers and clients given several hub addresses, over real TLS: a first address where nothing listens costs them
 * one refused connection, and the next pass starts after it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeveralHubAddressesTest {
    @TempDir
    Path dir;

    private TlsHubFixture pool;
    private final RealWorkers workers = new RealWorkers();
    private TlsTransport clients;

    @BeforeEach
    void startHub() {
        pool = TlsHubFixture.start(dir.resolve("hub"));
        clients = new TlsTransport(TlsTransportConfig.client(pool.ca.trust()));
    }

    @AfterEach
    void stop() throws Exception {
        workers.close();
        clients.close();
        pool.close();
    }

    @Test
    void aWorkerWhoseFirstHubIsDeadRegistersWithTheNext() throws Exception {
        HubAddresses hubs = new HubAddresses(List.of(deadAddress(), pool.address()));

        NodeId node = workers.start(pool, dir.resolve("w1"), "w1", b -> b.config(WorkerConfig.of(hubs, dir.resolve("w1")).withHostname("w1")));

        try (PoolClient admin = pool.admin()) {
            assertThat(admin.nodes()).filteredOn(NodeInfo::online).extracting(NodeInfo::id).containsExactly(node);
        }
    }

    @Test
    void aClientWhoseFirstHubIsDeadConnectsToTheNext() {
        try (PoolClient client = PoolClient.connect(clients, new HubAddresses(List.of(deadAddress(), pool.address())))
                .login("admin", TlsHubFixture.ADMIN_PASSWORD)) {
            client.ping();
            assertThat(client.username()).contains("admin");
        }
    }

    @Test
    void theNextPassStartsAfterTheHubThatFailed() {
        InetSocketAddress dead = deadAddress();
        RecordingTransport recording = new RecordingTransport(clients);
        HubDialer dialer = new HubDialer(recording, new HubAddresses(List.of(dead, pool.address())));

        dialer.connect().close();
        dialer.connect().close();

        assertThat(recording.tried).containsExactly(dead, pool.address(), pool.address());
    }

    @Test
    void whenNoHubAnswersTheFailureNamesEachAddress() {
        InetSocketAddress first = deadAddress();
        InetSocketAddress second = deadAddress();
        HubDialer dialer = new HubDialer(clients, new HubAddresses(List.of(first, second)));

        assertThatThrownBy(dialer::connect).isInstanceOf(TransportException.class)
                .hasMessageContaining("none of the 2 hub addresses answered")
                .hasMessageContaining(HubAddresses.written(first)).hasMessageContaining(HubAddresses.written(second));
    }

    /** A loopback port that was free a moment ago: connecting there is refused at once. */
    private static InetSocketAddress deadAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real transport that remembers where it was asked to connect. */
    private record RecordingTransport(Transport real, List<InetSocketAddress> tried) implements Transport {
        RecordingTransport(Transport real) {
            this(real, new CopyOnWriteArrayList<>());
        }

        @Override
        public Connection connect(InetSocketAddress address) {
            tried.add(address);
            return real.connect(address);
        }

        @Override
        public Listener listen(InetSocketAddress bind, ConnectionHandler handler) {
            return real.listen(bind, handler);
        }

        @Override
        public FrameLimits limits() {
            return real.limits();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
