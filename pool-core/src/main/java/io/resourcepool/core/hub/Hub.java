package io.resourcepool.core.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub: listens through a {@link Transport} and runs one {@link Conversation} per connection, each on its
 * own (virtual) thread given by the transport.
 *
 * <p>Ownership: the hub closes the listener it opened; the transport and anything else handed to the
 * builder stay the caller's.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final Transport transport;
    private final InetSocketAddress bind;
    private final MessageCodec codec;
    private volatile Listener listener;

    private Hub(Builder builder) {
        this.transport = builder.transport;
        this.bind = builder.bind;
        this.codec = new MessageCodec(transport.limits().maxFrameBytes());
    }

    /**
     * Starts building a hub.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening.
     *
     * @return this hub
     * @throws IllegalStateException when already started
     */
    public synchronized Hub start() {
        if (listener != null) {
            throw new IllegalStateException("the hub is already started");
        }
        listener = transport.listen(bind, this::serve);
        log.info("hub listening on {}", listener.address());
        return this;
    }

    /**
     * Where the hub listens.
     *
     * @return the bound address
     * @throws IllegalStateException before {@link #start()}
     */
    public InetSocketAddress address() {
        return Optional.ofNullable(listener).orElseThrow(() -> new IllegalStateException("the hub is not started")).address();
    }

    private void serve(Connection connection) {
        new Conversation(new MessageChannel(connection, codec)).run();
    }

    /** Stops listening and closes every connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close();
            log.info("hub stopped");
        }
    }

    /** Assembles a hub. */
    public static final class Builder {
        private Transport transport;
        private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);

        private Builder() {}

        /**
         * The transport to listen with (required).
         *
         * @param value the transport, which stays the caller's to close
         * @return this builder
         */
        public Builder transport(Transport value) {
            this.transport = value;
            return this;
        }

        /**
         * Where to listen; 127.0.0.1 on a free port by default.
         *
         * @param value the address
         * @return this builder
         */
        public Builder bind(InetSocketAddress value) {
            this.bind = value;
            return this;
        }

        /**
         * Builds the hub, not yet started.
         *
         * @return the hub
         * @throws ConfigurationException when a required part is missing
         */
        public Hub build() {
            if (transport == null) {
                throw new ConfigurationException("a hub needs a transport: call transport(...) on the builder");
            }
            return new Hub(this);
        }
    }
}
