package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * One source may have only so many TLS handshakes under way at once: past its share its next connection is
 * closed before any TLS work, while other sources are served, and a place comes back when a handshake ends.
 */
class HandshakesPerSourceTest extends PkiTest {

    @Test
    void aSourceWithItsShareOfHandshakesUnderWayHasItsNextConnectionClosedWhileOthersAreServed() throws Exception {
        Listener hub = track(track(new TlsTransport(pki.server(ClientAuth.WANT).withHandshakesPerSource(2)))
                .listen(Peers.ANY_PORT, Peers::echo));
        Socket first = silent(hub);
        Socket second = silent(hub);

        assertThatThrownBy(() -> echo(hub)).isInstanceOf(TransportException.class);
        try (SSLSocket elsewhere = tlsFrom(hub.address(), InetAddress.getByName("127.0.0.2"))) {
            elsewhere.startHandshake();
            assertThat(elsewhere.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }

        first.close();
        second.close();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!echoes(hub)) {
            assertThat(Instant.now()).as("a place comes back once the silent handshakes end").isBefore(deadline);
        }
    }

    /** A plain TCP connection that never starts its handshake, once the hub has it. */
    private Socket silent(Listener hub) throws IOException {
        Socket socket = track(new Socket());
        socket.connect(hub.address());
        return socket;
    }

    private void echo(Listener hub) {
        try (TlsTransport client = new TlsTransport(pki.worker("node-x"))) {
            Connection connection = client.connect(hub.address());
            connection.send(new Frame(3, Bytes.utf8("ping")));
            assertThat(connection.receive()).isEqualTo(new Frame(3, Bytes.utf8("ping")));
            connection.close();
        }
    }

    private boolean echoes(Listener hub) {
        try {
            echo(hub);
            return true;
        } catch (TransportException e) {
            return false;
        }
    }

    private SSLSocket tlsFrom(InetSocketAddress hub, InetAddress local) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagers.anchoredOn(pki.ca.caCertificate())}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(hub, 10_000);
        socket.setSoTimeout(20_000);
        return socket;
    }
}
