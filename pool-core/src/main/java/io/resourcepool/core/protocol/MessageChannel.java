package io.resourcepool.core.protocol;

import io.resourcepool.api.spi.transport.Connection;

/**
 * A connection that carries messages: frames from the transport, decoded and encoded by the codec. Sending
 * is thread-safe (the connection writes whole frames); receiving is for one thread.
 */
public final class MessageChannel implements AutoCloseable {
    private final Connection connection;
    private final MessageCodec codec;

    /**
     * Wraps a connection.
     *
     * @param connection the transport connection, owned by this channel from now on
     * @param codec the codec
     */
    public MessageChannel(Connection connection, MessageCodec codec) {
        this.connection = connection;
        this.codec = codec;
    }

    /**
     * Sends a message.
     *
     * @param message the message
     * @throws io.resourcepool.api.TransportException when the connection is closed or broken
     */
    public void send(Message message) {
        connection.send(codec.encode(message));
    }

    /**
     * Waits for the next message.
     *
     * @return the message
     * @throws io.resourcepool.api.FrameException when a frame is malformed, too large or too slow
     * @throws BadMessageException when a frame is not a valid message
     * @throws io.resourcepool.api.TransportException when the connection is closed or broken
     */
    public Message receive() {
        return codec.decode(connection.receive());
    }

    /**
     * The underlying connection, for its peer identity and address.
     *
     * @return the connection
     */
    public Connection connection() {
        return connection;
    }

    /** Closes the connection. */
    @Override
    public void close() {
        connection.close();
    }
}
