package io.resourcepool.core.hub;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.MemoryConnection;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The connections made inside the hub's process ({@link Hub#connectInProcess}, {@link Hub#connectWorkerInProcess})
 * for gateways that speak the binary protocol to the hub for someone else: an agent over HTTPS enrolling or serving
 * as a worker, so it meets the same checks as a worker on the network. (People's requests over HTTP use the typed
 * front door, {@link Hub#frontDoor()}, with no connection.) Each is served by a conversation on its own virtual
 * thread, like a network connection. Closing this closes every one of them.
 */
final class InProcessClients implements AutoCloseable {
    private final FrameLimits limits;
    private final Consumer<Connection> serve;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    InProcessClients(FrameLimits limits, Consumer<Connection> serve) {
        this.limits = limits;
        this.serve = serve;
    }

    Connection connect(String clientAddress) {
        return connect(clientAddress, Optional.empty());
    }

    /** As {@link #connect(String)}, the hub's end naming a certificate the gateway verified for the peer. */
    Connection connect(String clientAddress, Optional<PeerCertificate> certificate) {
        if (closed) {
            throw new TransportException("the hub is stopped");
        }
        // the hub's end names the gateway's peer, so rate limits and audit rows name the real source
        MemoryConnection.Pair ends = MemoryConnection.pair(new MemoryConnection.End(limits, clientAddress, certificate),
                new MemoryConnection.End(limits, "in-process hub", Optional.empty()));
        Connection hubEnd = ends.first();
        open.add(hubEnd);
        Thread.ofVirtual().name("hub-in-process-" + clientAddress).start(() -> {
            try {
                serve.accept(hubEnd);
            } finally {
                hubEnd.close();
                open.remove(hubEnd);
            }
        });
        return ends.second();
    }

    @Override
    public void close() {
        closed = true;
        open.forEach(Connection::close);
    }
}
