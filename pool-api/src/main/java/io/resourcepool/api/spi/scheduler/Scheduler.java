package io.resourcepool.api.spi.scheduler;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import java.util.Optional;

/**
 * Chooses where a job runs.
 *
 * <p>Implementations must: pick only a node in the view that is not drained and matches the job's
 * {@link io.resourcepool.api.NodeSelector}; return empty ("wait") when none fits now, never throw for that;
 * be fast and do no I/O (the hub calls this on its dispatch path); be safe for concurrent calls.
 */
public interface Scheduler {
    /**
     * Chooses a node for a job.
     *
     * @param job the job's spec
     * @param pool the online nodes now
     * @return the node, or empty when the job must wait
     */
    Optional<NodeId> place(JobSpec job, PoolView pool);
}
