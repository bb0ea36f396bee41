package io.resourcepool.core.hub;

import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;

/**
 * Where a {@link FollowerRelay} sends one job's progress: a client's connection, or a caller in the hub's process
 * ({@link DirectFollower}). Sending may block (a slow reader); the relay does it on a thread of its own.
 */
interface FollowerLine {
    /**
     * Sends one message of the job's progress.
     *
     * @param message ACCEPTED, an OUTPUT, the RESULT, or the ERROR that says the follower was dropped
     * @throws io.resourcepool.api.TransportException when the follower has gone
     */
    void send(Message message);

    /**
     * Says whether the follower is still there to be sent to.
     *
     * @return false once it has gone
     */
    boolean isOpen();

    /**
     * Names the follower, for the relay's thread.
     *
     * @return its address
     */
    String address();

    /** The line of a client's connection. */
    static FollowerLine of(MessageChannel channel) {
        return new FollowerLine() {
            @Override
            public void send(Message message) {
                channel.send(message);
            }

            @Override
            public boolean isOpen() {
                return channel.connection().isOpen();
            }

            @Override
            public String address() {
                return channel.connection().remoteAddress();
            }
        };
    }
}
