package io.resourcepool.api.spi.transport;

import java.net.InetSocketAddress;

/**
 * Opens connections and listens for them. An instance is configured once (certificates, trust, limits)
 * and may serve many listeners and connections.
 *
 * <p>Implementations must verify the other side as configured before returning a connection (a client
 * transport verifies the hub's certificate unless explicitly told otherwise), serve each accepted
 * connection on its own thread, and give every peer the same {@link FrameLimits}.
 */
public interface Transport extends AutoCloseable {

    /**
     * Starts listening.
     *
     * @param bind the address to bind; port 0 picks a free port
     * @param handler serves each accepted connection
     * @return the listener
     * @throws io.resourcepool.api.TransportException when the address cannot be bound
     * @throws io.resourcepool.api.ConfigurationException when this transport has no server identity
     */
    Listener listen(InetSocketAddress bind, ConnectionHandler handler);

    /**
     * Connects to a listening peer and verifies it.
     *
     * @param address the peer's address
     * @return the open connection
     * @throws io.resourcepool.api.TransportException when the peer cannot be reached or fails verification
     */
    Connection connect(InetSocketAddress address);

    /**
     * The limits this transport enforces on received frames.
     *
     * @return the limits
     */
    FrameLimits limits();

    /** Closes every listener this transport opened. Connections made by {@link #connect} stay the caller's. */
    @Override
    void close();
}
