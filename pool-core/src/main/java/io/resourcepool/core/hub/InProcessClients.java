package io.resourcepool.core.hub;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The client connections made inside the hub's process ({@link Hub#connectInProcess}), each served by a
 * conversation on its own virtual thread, like a network connection. Closing this closes every one of them.
 */
final class InProcessClients implements AutoCloseable {
    private final int maxFrameBytes;
    private final Consumer<Connection> serve;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    InProcessClients(int maxFrameBytes, Consumer<Connection> serve) {
        this.maxFrameBytes = maxFrameBytes;
        this.serve = serve;
    }

    Connection connect(String clientAddress) {
        if (closed) {
            throw new TransportException("the hub is stopped");
        }
        InProcessConnection[] ends = InProcessConnection.pair(maxFrameBytes, clientAddress);
        Connection hubEnd = ends[0];
        open.add(hubEnd);
        Thread.ofVirtual().name("hub-in-process-" + clientAddress).start(() -> {
            try {
                serve.accept(hubEnd);
            } finally {
                hubEnd.close();
                open.remove(hubEnd);
            }
        });
        return ends[1];
    }

    @Override
    public void close() {
        closed = true;
        open.forEach(Connection::close);
    }
}
