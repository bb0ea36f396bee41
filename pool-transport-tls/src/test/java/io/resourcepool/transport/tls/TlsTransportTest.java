package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.testkit.transport.TransportContract;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport contract over real TLS 1.3 sockets, with a worker certificate from the hub's own CA. */
class TlsTransportTest extends TransportContract {
    @TempDir
    Path dir;

    private Pki pki;

    @Override
    protected Transport newServerTransport() {
        pki = new Pki(dir);
        return new TlsTransport(pki.server(ClientAuth.WANT));
    }

    @Override
    protected Transport newClientTransport() {
        return new TlsTransport(pki.worker("node-1"));
    }

    @Test
    void bothSidesNameTheOthersVerifiedCertificate() {
        CompletableFuture<Optional<PeerCertificate>> seenByHub = new CompletableFuture<>();
        Listener listener = listen(connection -> seenByHub.complete(connection.peerCertificate()));
        Connection connection = connect(listener);

        assertThat(Peers.await(seenByHub)).hasValueSatisfying(peer -> assertThat(peer.commonName()).isEqualTo("node-1"));
        assertThat(connection.peerCertificate()).hasValueSatisfying(peer -> assertThat(peer.serialHex())
                .isEqualTo(pki.ca.serverKeyMaterial().certificate().getSerialNumber().toString(16)));
    }

    @Test
    void remoteAddressIsIpAndPort() {
        Listener listener = listen(Peers::echo);
        Connection connection = connect(listener);

        assertThat(connection.remoteAddress()).isEqualTo("127.0.0.1:" + listener.address().getPort());
    }
}
