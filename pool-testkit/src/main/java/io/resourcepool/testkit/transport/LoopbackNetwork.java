package io.resourcepool.testkit.transport;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private, in-memory network: the {@link LoopbackTransport}s made by one network reach each other's
 * listeners by port, and nothing else. Each test makes its own, so tests never see each other.
 */
public final class LoopbackNetwork {
    private static final int FIRST_PORT = 40_000;

    private final ConcurrentMap<Integer, LoopbackListener> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger nextPort = new AtomicInteger(FIRST_PORT);
    private final AtomicInteger nextClient = new AtomicInteger(1);

    /**
     * A transport on this network whose connections carry no certificate.
     *
     * @param limits the limits it enforces on frames it receives
     * @return the transport
     */
    public LoopbackTransport transport(FrameLimits limits) {
        return new LoopbackTransport(this, limits, Optional.empty());
    }

    /**
     * A transport whose peers see the given identity, as if it had proved it with a certificate: a test
     * stands in for a worker with mutual TLS this way.
     *
     * @param limits the limits it enforces on frames it receives
     * @param identity what peers see as this side's verified certificate
     * @return the transport
     */
    public LoopbackTransport transport(FrameLimits limits, PeerCertificate identity) {
        return new LoopbackTransport(this, limits, Optional.of(Objects.requireNonNull(identity, "identity must be given")));
    }

    InetSocketAddress bind(InetSocketAddress requested, LoopbackListener listener) {
        int port = requested.getPort() == 0 ? nextPort.getAndIncrement() : requested.getPort();
        if (listeners.putIfAbsent(port, listener) != null) {
            throw new TransportException("cannot listen on loopback port " + port + ": it is in use");
        }
        return new InetSocketAddress(requested.getAddress(), port);
    }

    void unbind(int port, LoopbackListener listener) {
        listeners.remove(port, listener);
    }

    LoopbackListener find(InetSocketAddress address) {
        LoopbackListener listener = listeners.get(address.getPort());
        if (listener == null) {
            throw new TransportException("cannot connect to loopback port " + address.getPort() + ": connection refused (nothing listens there)");
        }
        return listener;
    }

    String nextClientName() {
        return "loopback-client:" + nextClient.getAndIncrement();
    }
}
