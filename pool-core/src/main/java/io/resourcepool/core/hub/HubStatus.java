package io.resourcepool.core.hub;

import io.resourcepool.api.PoolAggregate;
import java.util.Objects;

/**
 * A hub's state at one moment, for metrics and health checks.
 *
 * @param aggregate the pool's totals over the online nodes
 * @param connectedNodes workers connected, online or gone silent
 * @param queuedJobs jobs waiting for a node
 * @param runningJobs jobs placed on a node and not yet ended
 * @param outputBufferedBytes job output held now for followers that read more slowly than their jobs write
 * @param followersDropped followers dropped since the hub started because their buffer was full
 * @param storeReachable whether the store answered at its last call (false: new jobs are refused until it returns)
 * @param storeUnreachableSeconds for how long the store has not answered, 0 while it answers
 */
public record HubStatus(PoolAggregate aggregate, int connectedNodes, int queuedJobs, int runningJobs, long outputBufferedBytes,
        long followersDropped, boolean storeReachable, long storeUnreachableSeconds) {
    /** Checks the figures. */
    public HubStatus {
        Objects.requireNonNull(aggregate, "aggregate must be given");
        if (connectedNodes < 0 || queuedJobs < 0 || runningJobs < 0 || outputBufferedBytes < 0 || followersDropped < 0
                || storeUnreachableSeconds < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (storeReachable && storeUnreachableSeconds > 0) {
            throw new IllegalArgumentException("storeUnreachableSeconds must be 0 while the store is reachable, was " + storeUnreachableSeconds);
        }
    }

    /**
     * A status with the store reachable.
     *
     * @param aggregate the pool's totals over the online nodes
     * @param connectedNodes workers connected, online or gone silent
     * @param queuedJobs jobs waiting for a node
     * @param runningJobs jobs placed on a node and not yet ended
     * @param outputBufferedBytes job output held now for slow followers
     * @param followersDropped followers dropped since the hub started
     */
    public HubStatus(PoolAggregate aggregate, int connectedNodes, int queuedJobs, int runningJobs, long outputBufferedBytes,
            long followersDropped) {
        this(aggregate, connectedNodes, queuedJobs, runningJobs, outputBufferedBytes, followersDropped, true, 0);
    }

    /**
     * A status with no output buffered and no follower dropped.
     *
     * @param aggregate the pool's totals over the online nodes
     * @param connectedNodes workers connected, online or gone silent
     * @param queuedJobs jobs waiting for a node
     * @param runningJobs jobs placed on a node and not yet ended
     */
    public HubStatus(PoolAggregate aggregate, int connectedNodes, int queuedJobs, int runningJobs) {
        this(aggregate, connectedNodes, queuedJobs, runningJobs, 0, 0);
    }
}
