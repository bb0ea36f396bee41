package io.resourcepool.api;

import java.time.Instant;

/**
 * The sum of what the online nodes of the pool have, and when it was computed.
 *
 * @param onlineNodes nodes connected and heartbeating
 * @param logicalCpus logical processors on those nodes
 * @param cpusInUse processors in use, summed from each node's load (a fraction of a processor counts)
 * @param memoryTotalBytes physical memory
 * @param memoryAvailableBytes memory available to new work
 * @param storageTotalBytes storage of the work file systems
 * @param storageAvailableBytes free storage on them
 * @param gpus compute accelerators
 * @param computedAt when the sums were taken
 */
public record PoolAggregate(
        int onlineNodes,
        long logicalCpus,
        double cpusInUse,
        long memoryTotalBytes,
        long memoryAvailableBytes,
        long storageTotalBytes,
        long storageAvailableBytes,
        int gpus,
        Instant computedAt) {

    /** Checks the figures. */
    public PoolAggregate {
        Checks.nonNegative(onlineNodes, "onlineNodes");
        Checks.nonNegative(logicalCpus, "logicalCpus");
        Checks.nonNegative(memoryTotalBytes, "memoryTotalBytes");
        Checks.nonNegative(memoryAvailableBytes, "memoryAvailableBytes");
        Checks.nonNegative(storageTotalBytes, "storageTotalBytes");
        Checks.nonNegative(storageAvailableBytes, "storageAvailableBytes");
        Checks.nonNegative(gpus, "gpus");
        Checks.present(computedAt, "computedAt");
    }
}
