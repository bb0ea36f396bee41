package io.resourcepool.testkit.transport;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.ConnectionHandler;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.api.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-memory {@link Transport}: frames travel as objects through queues, with no bytes, sockets or TLS.
 * Made by a {@link LoopbackNetwork}; listeners bind a port on that network and clients connect by port.
 * It behaves like a real transport where the layers above can tell: each accepted connection is served on
 * its own virtual thread and closed when its handler returns, closing either end wakes the other's
 * receive, and a received frame larger than {@link FrameLimits#maxFrameBytes()} is refused with
 * {@link io.resourcepool.api.FrameException.Reason#TOO_LARGE}.
 */
public final class LoopbackTransport implements Transport {
    private final LoopbackNetwork network;
    private final FrameLimits limits;
    private final Optional<PeerCertificate> identity;
    private final Set<LoopbackListener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    LoopbackTransport(LoopbackNetwork network, FrameLimits limits, Optional<PeerCertificate> identity) {
        this.network = network;
        this.limits = Objects.requireNonNull(limits, "limits must be given");
        this.identity = identity;
    }

    @Override
    public Listener listen(InetSocketAddress bind, ConnectionHandler handler) {
        Objects.requireNonNull(bind, "bind must be given");
        Objects.requireNonNull(handler, "handler must be given");
        ensureOpen();
        LoopbackListener listener = new LoopbackListener(network, this, handler);
        listener.bind(bind);
        listeners.add(listener);
        return listener;
    }

    @Override
    public Connection connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address must be given");
        ensureOpen();
        return network.find(address).accept(this, network.nextClientName());
    }

    @Override
    public FrameLimits limits() {
        return limits;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            listeners.forEach(LoopbackListener::close);
        }
    }

    Optional<PeerCertificate> identity() {
        return identity;
    }

    void forget(LoopbackListener listener) {
        listeners.remove(listener);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new TransportException("this loopback transport is closed");
        }
    }
}
