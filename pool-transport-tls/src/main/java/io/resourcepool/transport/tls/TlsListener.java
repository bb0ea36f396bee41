package io.resourcepool.transport.tls;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.ConnectionHandler;
import io.resourcepool.api.spi.transport.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts on a virtual thread and serves each connection on virtual threads of its own: one for the TLS
 * handshake (bounded by the handshake timeout), then another for the handler. A slow or failed handshake costs
 * only its own thread, so other clients are served meanwhile; one source may have only so many handshakes under
 * way at once ({@link HandshakesInFlight}), and its next connection is closed at once.
 */
final class TlsListener implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);
    /** A pause after an accept failure such as "too many open files", so the loop does not spin. */
    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(50);

    private final ServerSocket server;
    private final Supplier<TlsContext> contexts;
    private final ConnectionHandler handler;
    private final HandshakeWatchdog watchdog;
    private final HandshakesInFlight handshakes;
    private final Consumer<TlsListener> onClose;
    private final InetSocketAddress address;
    private final Set<Accepted> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param context the TLS setup when listening starts, which fixes the handshakes per source
     * @param contexts the TLS setup of each new handshake: a reloaded identity or trust applies from the next one
     */
    TlsListener(ServerSocket server, TlsContext context, Supplier<TlsContext> contexts, ConnectionHandler handler, HandshakeWatchdog watchdog,
            Consumer<TlsListener> onClose) {
        this.server = server;
        this.contexts = contexts;
        this.handler = handler;
        this.watchdog = watchdog;
        this.handshakes = new HandshakesInFlight(context.config().handshakesPerSource());
        this.onClose = onClose;
        this.address = (InetSocketAddress) server.getLocalSocketAddress();
    }

    TlsListener start() {
        Thread.ofVirtual().name("tls-accept-" + address.getPort()).start(this::acceptLoop);
        return this;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            try {
                Socket plain = server.accept();
                serveLater(new Accepted(plain));
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                LOG.warn("accepting on {} failed, retrying: {}", address, e.getMessage());
                pause();
            }
        }
    }

    private void serveLater(Accepted accepted) {
        String source = handshakes.enter(accepted.plain.getInetAddress());
        if (source.isEmpty()) {
            LOG.debug("closing the connection from {}: {} TLS handshakes from its source are under way already (handshakes-per-source)",
                    PeerCertificates.address(accepted.plain), handshakes.perSource());
            HandshakeWatchdog.closeQuietly(accepted.plain);
            return;
        }
        accepted.source = source;
        live.add(accepted);
        if (closed.get()) {
            accepted.close();
            live.remove(accepted);
            handshakes.leave(source);
            return;
        }
        Thread.ofVirtual().name("tls-handshake-" + PeerCertificates.address(accepted.plain)).start(() -> serve(accepted));
    }

    /**
     * Runs the handshake, then hands the connection to a virtual thread of its own for the handler and ends. A
     * parked virtual thread keeps its frames on the heap; when one park's frames come to some 4 KiB or more, the JVM
     * gives them back one at a time, and the frames at the bottom of the stack stay in a chunk of that size for as
     * long as the thread lives. The handshake parks that deep in the JDK's TLS code; the thread that then serves the
     * connection, often for days, starts without it.
     */
    private void serve(Accepted accepted) {
        String peer = PeerCertificates.address(accepted.plain);
        boolean handedOver = false;
        try {
            TlsConnection connection;
            try {
                connection = handshake(accepted.plain, peer);
            } finally {
                handshakes.leave(accepted.source);
            }
            if (accepted.attach(connection)) {
                Thread.ofVirtual().name("tls-conn-" + peer).start(() -> converse(accepted, connection, peer));
                handedOver = true;
            }
        } catch (TransportException e) {
            LOG.debug("{}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("setting up the connection from {} failed; closing it", peer, e);
        } finally {
            if (!handedOver) {
                end(accepted);
            }
        }
    }

    private void converse(Accepted accepted, TlsConnection connection, String peer) {
        try {
            handler.handle(connection);
        } catch (TransportException e) {
            LOG.debug("{}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("the handler of the connection from {} failed; closing it", peer, e);
        } finally {
            end(accepted);
        }
    }

    private void end(Accepted accepted) {
        accepted.close();
        live.remove(accepted);
    }

    private TlsConnection handshake(Socket plain, String peer) {
        TlsContext context;
        try {
            context = contexts.get();
        } catch (RuntimeException e) {
            HandshakeWatchdog.closeQuietly(plain);
            throw new TransportException("cannot set up TLS for the connection from " + peer + ": " + e.getMessage(), e);
        }
        try {
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            SSLEngine engine = context.serverSide();
            EngineTls tls = watchdog.handshake(() -> EngineTls.handshake(engine, plain), plain, context.config().handshakeTimeout());
            return TlsConnection.established(tls, plain, peer, context.config().limits());
        } catch (IOException e) {
            HandshakeWatchdog.closeQuietly(plain);
            throw HandshakeFailures.onServer(e, peer, context);
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the server socket on {} failed: {}", address, e.getMessage());
        }
        live.forEach(Accepted::close);
        onClose.accept(this);
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One accepted socket, before and after its handshake. Closing it closes whichever exists; the two
     * volatile fields make sure a close that races with the end of the handshake is never lost.
     */
    private static final class Accepted {
        final Socket plain;
        /** The source key its handshake counts under, set before its thread starts. */
        String source = "";
        private volatile TlsConnection connection;
        private volatile boolean closed;

        Accepted(Socket plain) {
            this.plain = plain;
        }

        /** Keeps the connection; false when the listener closed meanwhile (and the connection with it). */
        boolean attach(TlsConnection established) {
            connection = established;
            if (closed) {
                established.close();
                return false;
            }
            return true;
        }

        void close() {
            closed = true;
            TlsConnection established = connection;
            if (established != null) {
                established.close();
            } else {
                HandshakeWatchdog.closeQuietly(plain);
            }
        }
    }
}
