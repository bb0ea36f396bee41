package io.resourcepool.core.protocol;

import io.resourcepool.api.ProtocolException;

/**
 * One attempt of a job on a worker, as the worker reports it (REGISTER, HEARTBEAT) and the hub answers about it
 * (HEARTBEAT_ACK's disowned tasks).
 *
 * @param jobId the job
 * @param attempt the attempt, from 1
 */
public record WireTask(String jobId, int attempt) {
    /** Checks the fields. */
    public WireTask {
        WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
        if (attempt < 1) {
            throw new ProtocolException("attempt must be at least 1, was " + attempt);
        }
    }
}
