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
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Peers that connect and never finish the TLS handshake are dropped, and cost the others nothing. */
class HandshakeTimeoutTest extends PkiTest {
    private static final Duration SHORT = Duration.ofMillis(300);



    private Listener impatientHub() {
        return track(track(new TlsTransport(pki.server(ClientAuth.WANT).withHandshakeTimeout(SHORT))).listen(Peers.ANY_PORT, Peers::echo));
    }

    private Socket plainClient(Listener hub) throws IOException {
        Socket socket = track(new Socket());
        socket.connect(hub.address());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Reads until the hub hangs up; a hang-up by reset counts as well as a clean end. */
    private static int readUntilDropped(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    @Test
    void plainTcpClientThatSaysNothingIsDroppedWhileAGoodClientIsServed() throws IOException {
        Listener hub = impatientHub();
        Socket silent = plainClient(hub);

        Connection good = track(track(new TlsTransport(pki.worker("node-1"))).connect(hub.address()));
        good.send(new Frame(1, Bytes.utf8("served meanwhile")));
        assertThat(good.receive()).isEqualTo(new Frame(1, Bytes.utf8("served meanwhile")));

        assertThat(readUntilDropped(silent)).isEqualTo(-1);
    }

    @Test
    void clientThatStopsPartWayThroughItsHelloIsDropped() throws IOException {
        Listener hub = impatientHub();
        Socket stalled = plainClient(hub);

        stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
        stalled.getOutputStream().flush();

        assertThat(readUntilDropped(stalled)).isEqualTo(-1);
    }

    @Test
    void connectingToAServerThatNeverStartsTlsFailsAfterTheTimeout() throws IOException {
        ServerSocket mute = track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        TlsTransport client = track(new TlsTransport(pki.anonymousClient().withHandshakeTimeout(SHORT)));

        assertThatThrownBy(() -> client.connect((InetSocketAddress) mute.getLocalSocketAddress()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("no TLS handshake within 300 ms");
    }
}
