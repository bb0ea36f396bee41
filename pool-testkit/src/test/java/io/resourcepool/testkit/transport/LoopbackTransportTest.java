package io.resourcepool.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.api.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LoopbackTransportTest extends TransportContract {
    private static final FrameLimits LIMITS = new FrameLimits(64 * 1024, Duration.ofSeconds(5));
    private static final PeerCertificate WORKER = new PeerCertificate("worker-7", "0a1b");

    private final LoopbackNetwork network = new LoopbackNetwork();

    @Override
    protected Transport newServerTransport() {
        return network.transport(LIMITS);
    }

    @Override
    protected Transport newClientTransport() {
        return network.transport(LIMITS, WORKER);
    }

    @Test
    void serverSeesTheClientsIdentityAndTheClientSeesNoneFromAnAnonymousServer() {
        CompletableFuture<Optional<PeerCertificate>> seenByServer = new CompletableFuture<>();
        Listener listener = listen(connection -> seenByServer.complete(connection.peerCertificate()));
        Connection connection = connect(listener);

        assertThat(Threads.await(seenByServer)).contains(WORKER);
        assertThat(connection.peerCertificate()).isEmpty();
    }

    @Test
    void connectingWhereNothingListensIsRefused() {
        assertThatThrownBy(() -> client.connect(new InetSocketAddress("127.0.0.1", 1)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void twoListenersCannotShareAPort() {
        Listener first = listen(TransportContract::echo);

        assertThatThrownBy(() -> server.listen(first.address(), TransportContract::echo))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("in use");
    }

    @Test
    void networksDoNotSeeEachOther() {
        Listener listener = listen(TransportContract::echo);
        Transport stranger = new LoopbackNetwork().transport(LIMITS);

        assertThatThrownBy(() -> stranger.connect(listener.address())).isInstanceOf(TransportException.class);
    }
}
