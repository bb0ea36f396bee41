package io.resourcepool.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The TLS of one connection after its handshake, as a connection uses it: the session (for the peer's
 * certificate), a stream of decrypted bytes each way, and the goodbye. The plain socket underneath is the
 * connection's own, and closing it ends everything, whatever state TLS is in.
 */
interface TlsStreams {
    /** The session the handshake made. */
    SSLSession session();

    /** The decrypted bytes from the peer; one thread reads. */
    InputStream in() throws IOException;

    /** The bytes to encrypt to the peer; the caller writes one thing at a time. */
    OutputStream out() throws IOException;

    /** Sends TLS's close_notify; called only while no write is under way. */
    void sayGoodbye() throws IOException;

    /**
     * The streams of the JDK's TLS socket, which keeps buffers of its own (some 6 KiB) for as long as it lives:
     * the connecting side's choice, one connection per process.
     */
    static TlsStreams of(SSLSocket socket) {
        return new TlsStreams() {
            @Override
            public SSLSession session() {
                return socket.getSession();
            }

            @Override
            public InputStream in() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream out() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void sayGoodbye() throws IOException {
                socket.shutdownOutput();
            }
        };
    }
}
