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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

/** TLS 1.3 only by default; TLS 1.2 when allowed; never older. */
class ProtocolVersionTest extends PkiTest {


    private Listener echoHub(TlsTransportConfig config) {
        return track(track(new TlsTransport(config)).listen(Peers.ANY_PORT, Peers::echo));
    }

    private void assertEchoes(Listener hub) {
        Connection connection = track(track(new TlsTransport(pki.worker("node-" + openedCount()))).connect(hub.address()));
        connection.send(new Frame(3, Bytes.utf8("ping")));
        assertThat(connection.receive()).isEqualTo(new Frame(3, Bytes.utf8("ping")));
    }

    /** A client made with the JDK directly, offering nothing but TLS 1.2. */
    private SSLSocket tls12Client(InetSocketAddress address) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagers.anchoredOn(pki.ca.caCertificate())}, null);
        SSLSocket socket = track((SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort()));
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setSoTimeout(20_000);
        return socket;
    }

    @Test
    void clientOfferingOnlyTls12IsRefusedWhileOtherClientsAreServed() throws Exception {
        Listener hub = echoHub(pki.server(ClientAuth.WANT));
        assertEchoes(hub);

        SSLSocket old = tls12Client(hub.address());

        assertThatThrownBy(old::startHandshake).isInstanceOf(SSLException.class);
        assertEchoes(hub);
    }

    @Test
    void hubSaysWhichVersionTheClientOfferedAndWhichItAccepts() throws Exception {
        TlsContext context = TlsContext.of(pki.server(ClientAuth.WANT));
        ServerSocket server = track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        CompletableFuture<TransportException> failure = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> failure.complete(handshakeFailure(server, context)));

        SSLSocket old = tls12Client((InetSocketAddress) server.getLocalSocketAddress());
        assertThatThrownBy(old::startHandshake).isInstanceOf(SSLException.class);

        assertThat(Peers.await(failure).getMessage())
                .matches("TLS handshake with 127\\.0\\.0\\.1:\\d+ failed: client offered only TLSv1\\.2; this hub accepts TLSv1\\.3");
    }

    private static TransportException handshakeFailure(ServerSocket server, TlsContext context) {
        try (Socket plain = server.accept(); HandshakeWatchdog watchdog = new HandshakeWatchdog()) {
            watchdog.handshake(() -> EngineTls.handshake(context.serverSide(), plain), plain, Duration.ofSeconds(20));
            return new TransportException("the handshake succeeded");
        } catch (IOException e) {
            return HandshakeFailures.onServer(e, "127.0.0.1:" + server.getLocalPort(), context);
        }
    }

    @Test
    void clientOfferingOnlyTls12IsServedWhenTls12IsAllowed() throws Exception {
        Listener hub = echoHub(pki.server(ClientAuth.WANT).withTls12(true));

        SSLSocket old = tls12Client(hub.address());
        old.startHandshake();
        new FrameWriter(old.getOutputStream(), "hub").write(new Frame(5, Bytes.utf8("old but allowed")));
        Frame echoed = new FrameReader(old.getInputStream(), Pki.LIMITS, FrameReader.ReadTimeout.of(old), "hub").read();

        assertThat(old.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(echoed).isEqualTo(new Frame(5, Bytes.utf8("old but allowed")));
    }

    @Test
    void hubAllowingTls12StillPrefersTls13() throws Exception {
        Listener hub = echoHub(pki.server(ClientAuth.WANT).withTls12(true));
        SSLSocket modern = tls12Client(hub.address());
        modern.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});

        modern.startHandshake();

        assertThat(modern.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void clientSaysWhenTheServerAcceptsNoneOfItsVersions() throws Exception {
        TlsContext tls12Only = TlsContext.of(pki.server(ClientAuth.WANT).withTls12(true));
        ServerSocket server = track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread.ofVirtual().start(() -> {
            try (Socket plain = server.accept()) {
                SSLEngine engine = tls12Only.serverSide();
                engine.setEnabledProtocols(new String[] {"TLSv1.2"});
                EngineTls.handshake(engine, plain);
            } catch (IOException expected) {
                // the client refuses the handshake; that is the point
            }
        });
        TlsTransport client = track(new TlsTransport(pki.anonymousClient()));

        assertThatThrownBy(() -> client.connect((InetSocketAddress) server.getLocalSocketAddress()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("accepts none of the TLS versions offered (TLSv1.3)");
    }
}
