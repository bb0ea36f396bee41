package io.resourcepool.core.client;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.core.protocol.JobMessage;

/**
 * Receives what the hub sends about one job. Called on the link's reader thread, in order; must not block.
 */
public interface JobListener {
    /**
     * The job was accepted and has an id.
     *
     * @param accepted the hub's answer
     */
    default void accepted(JobMessage.Accepted accepted) {}

    /**
     * A chunk of output.
     *
     * @param channel stdout or stderr
     * @param data the bytes
     */
    void output(OutputChannel channel, Bytes data);

    /**
     * The job ended; nothing more comes after this.
     *
     * @param result how it ended
     */
    void result(JobMessage.Result result);

    /**
     * The request failed or the link broke; nothing more comes after this.
     *
     * @param failure what went wrong
     */
    void failed(RuntimeException failure);
}
