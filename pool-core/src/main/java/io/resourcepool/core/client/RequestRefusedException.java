package io.resourcepool.core.client;

import io.resourcepool.api.PoolException;

/**
 * The hub refused a request that was well-formed but not valid in content (its {@code BAD_REQUEST} answer): a
 * bad argument, a drained node named, a job that has already ended. The connection stays open; the request may
 * be corrected and sent again. Told apart from a failure on the hub, which is a plain {@link PoolException}, so
 * that a gateway can answer "your request" rather than "our fault".
 */
public final class RequestRefusedException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the hub's reason; never a secret
     */
    public RequestRefusedException(String message) {
        super(message);
    }
}
