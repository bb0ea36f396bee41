package io.resourcepool.http.history;

import io.resourcepool.api.PoolAggregate;
import java.time.Instant;
import java.util.Objects;

/**
 * The pool's totals at one moment, as the dashboard's chart draws them.
 *
 * @param at when the sample was taken, by the history's clock
 * @param onlineNodes nodes online
 * @param logicalCpus logical CPUs on the online nodes
 * @param cpusInUse CPUs in use on them, summed from their load
 * @param memoryTotalBytes their physical memory
 * @param memoryInUseBytes their memory not available to new work
 */
public record AggregateSample(Instant at, int onlineNodes, long logicalCpus, double cpusInUse, long memoryTotalBytes,
        long memoryInUseBytes) {
    /** Checks the fields. */
    public AggregateSample {
        Objects.requireNonNull(at, "at must be given");
        if (onlineNodes < 0 || logicalCpus < 0 || cpusInUse < 0 || memoryTotalBytes < 0 || memoryInUseBytes < 0) {
            throw new IllegalArgumentException("a sample's figures must not be negative");
        }
    }

    /**
     * Takes a sample of the hub's aggregate.
     *
     * @param at when
     * @param aggregate the totals over the online nodes
     * @return the sample
     */
    public static AggregateSample of(Instant at, PoolAggregate aggregate) {
        return new AggregateSample(at, aggregate.onlineNodes(), aggregate.logicalCpus(), aggregate.cpusInUse(), aggregate.memoryTotalBytes(),
                Math.max(0, aggregate.memoryTotalBytes() - aggregate.memoryAvailableBytes()));
    }
}
