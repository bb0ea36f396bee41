package io.resourcepool.api.spi.transport;

/** Serves one accepted connection. */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Serves the connection until it ends. Called on a thread of its own (a virtual thread for the default
     * transports); the transport closes the connection when this returns or throws.
     *
     * @param connection the accepted connection
     */
    void handle(Connection connection);
}
