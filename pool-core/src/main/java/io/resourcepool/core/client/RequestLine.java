package io.resourcepool.core.client;

import io.resourcepool.core.protocol.Message;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Where a client's request is answered: a connection to the hub ({@link HubLink}), or the hub itself for a caller in
 * its process (its typed door), which answers the request's record with no connection or codec in between.
 */
public interface RequestLine {
    /**
     * Sends a request and waits for its answer.
     *
     * @param request makes the request from a fresh request id
     * @param expected the answer's type
     * @param timeout how long to wait
     * @param <T> the answer's type
     * @return the answer
     * @throws io.resourcepool.api.PoolException the exception matching an ERROR answer
     */
    <T extends Message> T call(LongFunction<? extends Message> request, Class<T> expected, Duration timeout);
}
