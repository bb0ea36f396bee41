package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.ConnectionHandler;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;

/**
 * The default {@link Transport}: frames over TLS 1.3 (optionally 1.2) on TCP sockets, using the JDK's TLS
 * engine. Listeners accept on a virtual thread and serve every connection on a virtual thread of its
 * own; an idle connection costs a parked virtual thread and the TLS socket's buffers, no more.
 *
 * <p>The connecting side always verifies the listening side against {@link TlsTransportConfig#trust()};
 * the listening side verifies client certificates as {@link TlsTransportConfig#clientAuth()} says.
 * Host names are not checked: hubs are identified by their CA. The transport owns its listeners and a
 * timer thread for handshake timeouts, and {@link #close()} stops them; connections made by
 * {@link #connect} stay open until their owner closes them.
 */
public final class TlsTransport implements Transport {
    /** Room for a burst of connecting workers; the kernel may cap it lower. */
    private static final int BACKLOG = 1024;

    private final FrameLimits limits;
    private final Supplier<TlsTransportConfig> source;
    private final Supplier<?> version;
    private final boolean reloadUntilIdentity;
    private final ReentrantLock loading = new ReentrantLock();
    private final HandshakeWatchdog watchdog = new HandshakeWatchdog();
    private final Set<TlsListener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile TlsContext context;
    private volatile Object loadedVersion;

    /**
     * A transport with the given configuration.
     *
     * @param config keys, trust and limits
     */
    public TlsTransport(TlsTransportConfig config) {
        this(Objects.requireNonNull(config, "config must be given").limits(), () -> config, () -> 0, false);
    }

    private TlsTransport(FrameLimits limits, Supplier<TlsTransportConfig> source, Supplier<?> version, boolean reloadUntilIdentity) {
        this.limits = limits;
        this.source = source;
        this.version = version;
        this.reloadUntilIdentity = reloadUntilIdentity;
    }

    /**
     * A transport whose configuration is read again whenever {@code version} changes, as a hub's is when its TLS
     * directory does: each new handshake, listening or connecting, uses the configuration of its moment, and
     * connections already made keep theirs. Frame limits are those of the first configuration.
     *
     * @param config the configuration now; called again when the version changes
     * @param version the version of the configuration, cheap to ask for at every handshake
     * @return the transport
     */
    public static TlsTransport reloading(Supplier<TlsTransportConfig> config, Supplier<?> version) {
        Objects.requireNonNull(config, "config must be given");
        Objects.requireNonNull(version, "version must be given");
        return new TlsTransport(config.get().limits(), config, version, false);
    }

    /**
     * A transport whose keys and certificates are loaded on first use, so that making it does no I/O.
     * A failed load is reported by that use and tried again by the next. With {@code reloadUntilIdentity}
     * (a worker's transport), a configuration without a key and certificate is loaded again on every use
     * until it has them, so a worker that has just enrolled presents its new certificate on its next connect.
     */
    static TlsTransport deferred(FrameLimits limits, Supplier<TlsTransportConfig> loader, Supplier<?> version, boolean reloadUntilIdentity) {
        return new TlsTransport(limits, () -> loader.get().withLimits(limits), version, reloadUntilIdentity);
    }

    @Override
    public Listener listen(InetSocketAddress bind, ConnectionHandler handler) {
        Objects.requireNonNull(bind, "bind must be given");
        Objects.requireNonNull(handler, "handler must be given");
        ensureOpen();
        TlsContext ready = context();
        if (ready.config().identity().isEmpty()) {
            throw new ConfigurationException("this TLS transport has no identity (key and certificate), so it cannot listen;"
                    + " configure one, for example from the hub's certificate authority");
        }
        TlsListener listener = new TlsListener(bind(bind), ready, this::context, handler, watchdog, listeners::remove);
        listeners.add(listener);
        if (closed.get()) {
            listener.close();
            ensureOpen();
        }
        return listener.start();
    }

    private static ServerSocket bind(InetSocketAddress bind) {
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(bind, BACKLOG);
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            throw new TransportException("cannot listen on " + PeerCertificates.address(bind) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address must be given");
        ensureOpen();
        TlsContext ready = context();
        String peer = PeerCertificates.address(address);
        if (address.isUnresolved()) {
            throw new TransportException("cannot connect to " + peer + ": the host name does not resolve");
        }
        Socket plain = open(address, peer, ready);
        try {
            SSLSocket socket = ready.clientSide(plain, address);
            watchdog.handshake(() -> {
                socket.startHandshake();
                return socket;
            }, plain, ready.config().handshakeTimeout());
            return TlsConnection.established(TlsStreams.of(socket), plain, peer, limits);
        } catch (IOException e) {
            HandshakeWatchdog.closeQuietly(plain);
            throw HandshakeFailures.onClient(e, peer, ready);
        }
    }

    private static Socket open(InetSocketAddress address, String peer, TlsContext ready) {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            plain.connect(address, (int) ready.config().handshakeTimeout().toMillis());
            return plain;
        } catch (IOException e) {
            HandshakeWatchdog.closeQuietly(plain);
            throw new TransportException("cannot connect to " + peer + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FrameLimits limits() {
        return limits;
    }

    /** Closes every listener (and the connections they accepted) and the handshake timer. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            listeners.forEach(TlsListener::close);
            watchdog.close();
        }
    }

    private TlsContext context() {
        Object wanted = version.get();
        TlsContext ready = context;
        if (ready != null && isFinal(ready) && wanted.equals(loadedVersion)) {
            return ready;
        }
        loading.lock();
        try {
            if (context == null || !isFinal(context) || !wanted.equals(loadedVersion)) {
                context = TlsContext.of(source.get());
                loadedVersion = wanted;
            }
            return context;
        } finally {
            loading.unlock();
        }
    }

    private boolean isFinal(TlsContext loaded) {
        return !reloadUntilIdentity || loaded.config().identity().isPresent();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new TransportException("this TLS transport is closed");
        }
    }

    private static void closeQuietly(ServerSocket server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // nothing was bound, so there is nothing left to release
            }
        }
    }
}
