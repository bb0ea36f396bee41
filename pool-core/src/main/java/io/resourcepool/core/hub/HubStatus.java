package io.resourcepool.core.hub;

import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import java.util.List;
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
 * @param diskFreeBytes free space on the fullest disk the hub writes to (its data directory's, its store's), or
 *     {@value #UNMEASURED} when it cannot be measured
 * @param diskReserveBytes the free space under which the hub refuses new jobs ({@link DiskReserve})
 * @param unrecordedResults job ends the store could not take yet, which the hub writes again
 * @param storeReachable whether the store answered at its last call (false: new jobs are refused until it returns)
 * @param storeUnreachableSeconds for how long the store has not answered, 0 while it answers
 * @param nodeGpus the GPUs of each online node that has any, as it last reported them, with how many running jobs
 *     claim
 * @param heartbeatsReceived worker heartbeats received since the hub started
 */
public record HubStatus(PoolAggregate aggregate, int connectedNodes, int queuedJobs, int runningJobs, long outputBufferedBytes,
        long followersDropped, long diskFreeBytes, long diskReserveBytes, int unrecordedResults, boolean storeReachable,
        long storeUnreachableSeconds, List<NodeGpus> nodeGpus, long heartbeatsReceived) {
    /** The free space of a disk that could not be measured. */
    public static final long UNMEASURED = -1;

    /** Checks the figures. */
    public HubStatus {
        Objects.requireNonNull(aggregate, "aggregate must be given");
        nodeGpus = List.copyOf(Objects.requireNonNull(nodeGpus, "nodeGpus must be given"));
        if (connectedNodes < 0 || queuedJobs < 0 || runningJobs < 0 || outputBufferedBytes < 0 || followersDropped < 0
                || diskFreeBytes < UNMEASURED || diskReserveBytes < 0 || unrecordedResults < 0 || storeUnreachableSeconds < 0
                || heartbeatsReceived < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (storeReachable && storeUnreachableSeconds > 0) {
            throw new IllegalArgumentException("storeUnreachableSeconds must be 0 while the store is reachable, was " + storeUnreachableSeconds);
        }
    }

    /**
     * A status with no disk measured, no result waiting to be written and the store reachable.
     *
     * @param aggregate the pool's totals over the online nodes
     * @param connectedNodes workers connected, online or gone silent
     * @param queuedJobs jobs waiting for a node
     * @param runningJobs jobs placed on a node and not yet ended
     * @param outputBufferedBytes job output held now for slow followers
     * @param followersDropped followers dropped since the hub started because their buffer was full
     */
    public HubStatus(PoolAggregate aggregate, int connectedNodes, int queuedJobs, int runningJobs, long outputBufferedBytes,
            long followersDropped) {
        this(aggregate, connectedNodes, queuedJobs, runningJobs, outputBufferedBytes, followersDropped, UNMEASURED, 0, 0, true, 0, List.of(), 0);
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

    /**
     * Whether the hub refuses new jobs now because its disk is (nearly) full.
     *
     * @return true while the free space is under the reserve
     */
    public boolean diskFull() {
        return diskFreeBytes != UNMEASURED && diskFreeBytes < diskReserveBytes;
    }

    /**
     * One online node's GPUs.
     *
     * @param node the node
     * @param gpus its GPUs, as it last reported them
     * @param claimed how many of them its running jobs claim
     */
    public record NodeGpus(NodeId node, List<NodeResources.Gpu> gpus, int claimed) {
        /** Copies the list. */
        public NodeGpus {
            Objects.requireNonNull(node, "node must be given");
            gpus = List.copyOf(gpus);
        }
    }
}
