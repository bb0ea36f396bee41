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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers that connect and never finish the TLS handshake are dropped, and cost the others nothing. */
class HandshakeTimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private Pki pki;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void makeCa() {
        pki = new Pki(dir);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

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
