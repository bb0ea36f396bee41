package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.core.protocol.JobMessage;
import java.util.Optional;

/**
 * Whoever waits on a job's progress: the client that submitted it, or one that follows it. Called by whoever
 * reports the progress (a worker's connection, the journal), often under the job's lock: must not block.
 */
interface JobWatcher {
    /** Called once the job is durable, before any output: it has an id and perhaps a node. */
    void accepted(JobId job, Optional<NodeId> node);

    /**
     * Called once the job's start on its node is durable, before its worker hears of it: a watcher told only of
     * durable starts (another hub's, which must not hear of a start that the store then refused) waits for this.
     */
    default void started(JobId job, NodeId node) {}

    void output(JobMessage.Output chunk);

    void result(JobMessage.Result result);

    /**
     * Says whether this watcher will take nothing more (it was dropped, or its client left), so the job can forget it.
     *
     * @return true once it has ended
     */
    default boolean ended() {
        return false;
    }

    /** A watcher for jobs nobody waits on. */
    JobWatcher NONE = new JobWatcher() {
        @Override
        public void accepted(JobId job, Optional<NodeId> node) {}

        @Override
        public void output(JobMessage.Output chunk) {}

        @Override
        public void result(JobMessage.Result result) {}
    };
}
