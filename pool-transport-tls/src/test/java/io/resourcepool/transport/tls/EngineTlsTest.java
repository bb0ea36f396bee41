package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.resourcepool.api.Bytes;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.FrameReader;
import io.resourcepool.api.spi.transport.FrameWriter;
import io.resourcepool.api.spi.transport.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The hub's side of TLS, an engine over the plain socket that reads one record at a time and keeps no buffer
 * between them: frames of every size cross whole, TLS 1.3's key update goes both ways mid-conversation, and a
 * peer that does not speak TLS is refused at its first bytes, not at the handshake timeout; a refused client reads
 * the hub's alert, and a client that hangs up mid-handshake is said to have hung up.
 */
class EngineTlsTest extends PkiTest {
    private static final Duration LONG_HANDSHAKE = Duration.ofMinutes(5);

    @Test
    void framesFromOneByteToManyRecordsCrossWholeBothWays() {
        Listener hub = track(track(new TlsTransport(pki.server(ClientAuth.NEED))).listen(Peers.ANY_PORT, Peers::echo));
        Connection connection = track(new TlsTransport(pki.worker("node-a"))).connect(hub.address());
        Random random = new Random(7);

        for (int size : new int[] {0, 1, 16 * 1024 - 10, 16 * 1024 - 9, 16 * 1024, 200_000}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            connection.send(new Frame(9, Bytes.copyOf(payload)));

            assertThat(connection.receive()).as("a frame of %d bytes", size).isEqualTo(new Frame(9, Bytes.copyOf(payload)));
        }
    }

    @Test
    void aKeyUpdateMidConversationLeavesTheConversationGoingOn() throws Exception {
        Listener hub = track(track(new TlsTransport(pki.server(ClientAuth.WANT))).listen(Peers.ANY_PORT, Peers::echo));
        SSLSocket client = anonymousClient(hub);
        client.startHandshake();
        FrameWriter writer = new FrameWriter(client.getOutputStream(), "hub");
        FrameReader reader = new FrameReader(client.getInputStream(), Pki.LIMITS, FrameReader.ReadTimeout.of(client), "hub");

        for (int round = 0; round < 3; round++) {
            // on an established TLS 1.3 connection the JDK sends a KeyUpdate asking the peer to update its keys too
            client.startHandshake();
            Frame frame = new Frame(4, Bytes.utf8("after key update " + round));
            writer.write(frame);

            assertThat(reader.read()).isEqualTo(frame);
        }
        assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void aPeerSpeakingHttpIsRefusedAtItsFirstBytesWhileOthersAreServed() throws Exception {
        Listener hub = track(track(new TlsTransport(pki.server(ClientAuth.WANT).withHandshakeTimeout(LONG_HANDSHAKE)))
                .listen(Peers.ANY_PORT, Peers::echo));
        Socket http = track(new Socket());
        http.connect(hub.address());
        // far shorter than the handshake timeout: only a refusal of the bytes themselves ends the wait in time
        http.setSoTimeout(30_000);

        http.getOutputStream().write("GET / HTTP/1.1\r\nHost: hub\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(endOf(http.getInputStream())).isEqualTo("closed");
        Connection other = track(new TlsTransport(pki.worker("node-b"))).connect(hub.address());
        other.send(new Frame(3, Bytes.utf8("still served")));
        assertThat(other.receive()).isEqualTo(new Frame(3, Bytes.utf8("still served")));
    }

    @Test
    void aClientWithoutTheNeededCertificateIsToldWhyByTheHubsAlert() {
        Listener hub = track(track(new TlsTransport(pki.server(ClientAuth.NEED))).listen(Peers.ANY_PORT, Peers::echo));

        // TLS 1.3 lets the client finish its handshake first; the hub's refusal comes as an alert it then reads
        assertThatThrownBy(() -> track(new TlsTransport(pki.anonymousClient())).connect(hub.address()).receive())
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("the peer does not accept this side's certificate, or its lack of one")
                .hasMessageContaining("certificate_required");
    }

    @Test
    void aClientThatHangsUpPartWayThroughItsHelloIsSaidToHaveHungUp() throws Exception {
        TlsContext context = TlsContext.of(pki.server(ClientAuth.WANT));
        ServerSocket server = track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        CompletableFuture<String> failure = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket plain = server.accept()) {
                EngineTls.handshake(context.serverSide(), plain);
                failure.complete("the handshake succeeded");
            } catch (IOException e) {
                failure.complete(HandshakeFailures.onServer(e, "client", context).getMessage());
            }
        });

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            // a handshake record's header claiming 512 bytes, and only 3 of them
            client.getOutputStream().write(new byte[] {22, 3, 1, 2, 0, 1, 0, 1});
        }

        assertThat(Peers.await(failure)).startsWith("TLS handshake with client failed: the client hung up during the handshake");
    }

    /** What the hub did with the connection: "closed" when it hung up (an alert first, perhaps), rather than waiting. */
    private static String endOf(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // the hub may send a TLS alert before it closes; the point is that it closes
                continue;
            }
            return "closed";
        } catch (SocketException e) {
            return "closed";
        }
    }

    private SSLSocket anonymousClient(Listener hub) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagers.anchoredOn(pki.ca.caCertificate())}, null);
        SSLSocket socket = track((SSLSocket) context.getSocketFactory().createSocket(hub.address().getAddress(), hub.address().getPort()));
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        socket.setSoTimeout(20_000);
        return socket;
    }
}
