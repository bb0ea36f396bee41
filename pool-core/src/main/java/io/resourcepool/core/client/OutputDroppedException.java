package io.resourcepool.core.client;

import io.resourcepool.api.PoolException;

/**
 * The hub stopped sending a job's output to this client, because the client read it more slowly than the job
 * wrote it (its {@code OUTPUT_DROPPED} answer). The job itself runs on, its result is recorded as usual, and
 * {@link PoolClient#follow} attaches to it again; the message says how.
 */
public final class OutputDroppedException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the hub's words, naming the job
     */
    public OutputDroppedException(String message) {
        super(message);
    }
}
