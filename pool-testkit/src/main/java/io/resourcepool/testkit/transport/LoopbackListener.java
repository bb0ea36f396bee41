package io.resourcepool.testkit.transport;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.ConnectionHandler;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.MemoryConnection;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A loopback listener: serves each connection on a virtual thread and closes it when the handler ends. */
final class LoopbackListener implements Listener {
    private final LoopbackNetwork network;
    private final LoopbackTransport server;
    private final ConnectionHandler handler;
    private final Set<MemoryConnection> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile InetSocketAddress address;

    LoopbackListener(LoopbackNetwork network, LoopbackTransport server, ConnectionHandler handler) {
        this.network = network;
        this.server = server;
        this.handler = handler;
    }

    void bind(InetSocketAddress requested) {
        address = network.bind(requested, this);
    }

    MemoryConnection accept(LoopbackTransport client, String clientName) {
        String serverName = "loopback:" + address.getPort();
        MemoryConnection.Pair ends = MemoryConnection.pair(new MemoryConnection.End(server.limits(), clientName, client.identity()),
                new MemoryConnection.End(client.limits(), serverName, server.identity()));
        MemoryConnection serverSide = ends.first();
        MemoryConnection clientSide = ends.second();
        accepted.add(serverSide);
        if (closed.get()) {
            serverSide.close();
            throw new TransportException("cannot connect to " + serverName + ": connection refused (the listener is closed)");
        }
        Thread.ofVirtual().name("loopback-conn-" + clientName).start(() -> serve(serverSide));
        return clientSide;
    }

    private void serve(MemoryConnection connection) {
        try {
            handler.handle(connection);
        } catch (RuntimeException e) {
            // a failing handler ends its own connection and nothing else, as on a real transport
        } finally {
            connection.close();
            accepted.remove(connection);
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            network.unbind(address.getPort(), this);
            server.forget(this);
            accepted.forEach(MemoryConnection::close);
        }
    }
}
