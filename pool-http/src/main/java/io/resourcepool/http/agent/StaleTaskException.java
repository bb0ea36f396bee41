package io.resourcepool.http.agent;

import io.resourcepool.api.ProtocolException;

/** An agent reported on an attempt of a job that is not its own now: never given to it, or given up by the hub. */
public final class StaleTaskException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /**
     * Says which.
     *
     * @param message names the node, the job and the attempt
     */
    public StaleTaskException(String message) {
        super(message);
    }
}
