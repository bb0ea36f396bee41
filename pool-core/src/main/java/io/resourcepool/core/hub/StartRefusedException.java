package io.resourcepool.core.hub;

import io.resourcepool.api.spi.store.JobStore;

/**
 * The store did not record a job's start: the job was no longer QUEUED at that attempt, because another hub sharing
 * the store started, ended or requeued it first. The job must not go to the node.
 */
final class StartRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartRefusedException(JobStore.JobStart start) {
        super("job " + start.id() + " attempt " + start.attempt() + " was no longer queued when it was to start on node " + start.node(),
                null, false, false);
    }
}
