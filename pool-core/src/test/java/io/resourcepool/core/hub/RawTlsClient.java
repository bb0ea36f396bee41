package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.FrameReader;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client that writes whatever bytes a test wants, bypassing the protocol code of the real client, and
 * reads the hub's answers frame by frame. Every read waits at most {@link #PATIENCE}, so a hub that fails to
 * answer fails the test instead of hanging it.
 */
final class RawTlsClient implements AutoCloseable {
    /** How long any read waits before the test gives up on the hub. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private static final int PATIENCE_MILLIS = (int) PATIENCE.toMillis();

    private final SSLSocket socket;
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT.maxFrameBytes());
    private final FrameReader reader;

    private RawTlsClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        // the reader waits "for ever" (0) for a frame's first byte; a test waits no longer than its patience
        this.reader = new FrameReader(socket.getInputStream(), FrameLimits.DEFAULT,
                millis -> socket.setSoTimeout(millis == 0 ? PATIENCE_MILLIS : millis), "hub");
    }

    /**
     * TLS sockets that trust only the given CA, as a hub's clients do.
     *
     * @param ca the hub's CA certificate
     * @return a factory of client sockets
     */
    static SSLSocketFactory trusting(X509Certificate ca) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("hub-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the test's TLS client: " + e.getMessage(), e);
        }
    }

    /**
     * A TCP connection to the hub with TLS layered on, before its handshake.
     *
     * @param hub where the hub listens
     * @param tls the client's TLS setup
     * @param protocols the only TLS versions to offer
     * @return the socket, its handshake not started
     */
    static SSLSocket unstarted(InetSocketAddress hub, SSLSocketFactory tls, String... protocols) throws IOException {
        return unstarted(hub, tls, 0, protocols);
    }

    private static SSLSocket unstarted(InetSocketAddress hub, SSLSocketFactory tls, int receiveBufferBytes, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.setEnabledProtocols(protocols);
            socket.setSoTimeout(PATIENCE_MILLIS);
            socket.connect(hub, PATIENCE_MILLIS);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects with TLS 1.3 and completes the handshake.
     *
     * @param hub where the hub listens
     * @param tls the client's TLS setup
     * @return the client
     */
    static RawTlsClient connect(InetSocketAddress hub, SSLSocketFactory tls) {
        return connect(hub, tls, 0);
    }

    /**
     * Connects as {@link #connect(InetSocketAddress, SSLSocketFactory)} does, with a small receive buffer, so that a
     * test that stops reading fills what the kernel holds for it quickly.
     *
     * @param receiveBufferBytes the socket's receive buffer, set before it connects; 0 for the system's
     */
    static RawTlsClient connect(InetSocketAddress hub, SSLSocketFactory tls, int receiveBufferBytes) {
        try {
            SSLSocket socket = unstarted(hub, tls, receiveBufferBytes, "TLSv1.3");
            try {
                socket.startHandshake();
                return new RawTlsClient(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the hub at " + hub, e);
        }
    }

    /**
     * Connects from a given local address (any of 127.0.0.0/8 on Linux loopback) and completes the handshake.
     *
     * @param hub where the hub listens
     * @param tls the client's TLS setup
     * @param local the source address the hub sees
     * @return the client
     */
    static RawTlsClient connectFrom(InetSocketAddress hub, SSLSocketFactory tls, java.net.InetAddress local) {
        try {
            SSLSocket socket = (SSLSocket) tls.createSocket();
            try {
                socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                socket.setSoTimeout(PATIENCE_MILLIS);
                socket.bind(new InetSocketAddress(local, 0));
                socket.connect(hub, PATIENCE_MILLIS);
                socket.startHandshake();
                return new RawTlsClient(socket);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the hub at " + hub + " from " + local, e);
        }
    }

    /** The negotiated TLS version. */
    String protocol() {
        return socket.getSession().getProtocol();
    }

    /** A frame header: magic, type and claimed length, big-endian, as it goes on the wire. */
    static byte[] header(int magic, int type, long claimedLength) {
        return ByteBuffer.allocate(Frame.HEADER_BYTES).putInt(magic).putShort((short) type).putInt((int) claimedLength).array();
    }

    /** Writes the bytes in one go (one TLS record), whatever they are. */
    void sendBytes(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the hub", e);
        }
    }

    /** Writes a well-framed payload of any type. */
    void sendFrame(int type, byte[] payload) {
        sendBytes(ByteBuffer.allocate(Frame.HEADER_BYTES + payload.length)
                .put(header(Frame.MAGIC, type, payload.length)).put(payload).array());
    }

    /** Writes a well-framed payload of text (JSON, valid or not). */
    void sendFrame(int type, String payload) {
        sendFrame(type, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a message as the real client would encode it. */
    void send(Message message) {
        Frame frame = codec.encode(message);
        sendFrame(frame.type(), frame.payload().toByteArray());
    }

    /** Reads and decodes the hub's next frame. */
    Message receive() {
        return codec.decode(reader.read());
    }

    /** Reads the next message and checks its type. */
    <T extends Message> T expect(Class<T> type) {
        Message message = receive();
        assertThat(message).as("the hub's answer").isInstanceOf(type);
        return type.cast(message);
    }

    /** Reads the next message, which must be an ERROR with this code. */
    ControlMessage.Error expectError(ErrorCode code) {
        ControlMessage.Error error = expect(ControlMessage.Error.class);
        assertThat(error.code()).as("code of the ERROR (%s)", error.message()).isEqualTo(code.name());
        return error;
    }

    /** Sends HELLO for the role and returns the CHALLENGE. */
    HandshakeMessage.Challenge hello(String role) {
        send(new HandshakeMessage.Hello(HandshakeMessage.PROTOCOL_VERSION, role, "hostile-test"));
        return expect(HandshakeMessage.Challenge.class);
    }

    /** Checks that the hub hangs up on this connection, with nothing more to say. */
    void assertClosedByHub() {
        assertThat(closedByHub()).as("the hub closed the connection within %s", PATIENCE).isTrue();
    }

    /** Waits for the hub to hang up; false when it kept the connection open for all of {@link #PATIENCE}. */
    boolean closedByHub() {
        return hungUp(socket);
    }

    /**
     * Waits until the other side hangs up, discarding whatever it still sends (a TLS alert on a plain socket,
     * say). A reset counts as a hang-up.
     *
     * @return false when the other side kept the connection open for all of {@link #PATIENCE}
     */
    static boolean hungUp(Socket socket) {
        try {
            socket.setSoTimeout(PATIENCE_MILLIS);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[512];
            while (in.read(sink) >= 0) {
                // not the point: only the end of the stream is
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // the socket is abandoned either way
        }
    }
}
