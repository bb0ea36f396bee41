package io.resourcepool.api.spi.sandbox;

import io.resourcepool.api.Bytes;

/**
 * Receives a command's output as it comes. Called from the sandbox's reader threads, one per channel, so
 * implementations must be thread-safe; they should not block for long.
 */
@FunctionalInterface
public interface OutputSink {
    /**
     * Takes one chunk of output.
     *
     * @param channel where it came from
     * @param chunk the bytes, never empty
     */
    void accept(OutputChannel channel, Bytes chunk);
}
