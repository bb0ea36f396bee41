package io.resourcepool.api.spi.transport;

import java.net.InetSocketAddress;

/** A listening endpoint that hands each accepted connection to a {@link ConnectionHandler}. */
public interface Listener extends AutoCloseable {
    /**
     * Where the listener is bound, with the real port when port 0 was asked for.
     *
     * @return the bound address
     */
    InetSocketAddress address();

    /**
     * Stops accepting and closes every connection it accepted. Idempotent.
     */
    @Override
    void close();
}
