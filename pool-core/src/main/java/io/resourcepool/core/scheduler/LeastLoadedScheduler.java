package io.resourcepool.core.scheduler;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.api.spi.scheduler.PoolView;
import io.resourcepool.api.spi.scheduler.Scheduler;
import java.util.Comparator;
import java.util.Optional;

/**
 * The {@code least-loaded} scheduler, the default: among the {@linkplain EligibleNodes eligible nodes} it picks
 * the one with the lowest load score, ties going to the smallest node id so that the choice is deterministic.
 *
 * <p>The score adds two pressures, each 0 on an idle, empty node:
 * <ul>
 *   <li>CPU: the reported load plus the jobs placed and not yet finished per logical processor (the report lags
 *       behind placements, so jobs just placed count before they show in the load);</li>
 *   <li>memory: the fraction of memory in use, 1 minus available over total (1 when the node reported none).</li>
 * </ul>
 * A node that has not reported its processors counts as having one. Stateless and thread-safe.
 */
public final class LeastLoadedScheduler implements Scheduler {
    private static final Comparator<NodeView> LEAST_LOADED =
            Comparator.comparingDouble(LeastLoadedScheduler::score).thenComparing(NodeView::id);

    /** Makes the scheduler. */
    public LeastLoadedScheduler() {}

    @Override
    public Optional<NodeId> place(JobSpec job, PoolView pool) {
        return EligibleNodes.of(job, pool).stream().min(LEAST_LOADED).map(NodeView::id);
    }

    /**
     * The load score of a node: lower is less loaded.
     *
     * @param node the node
     * @return the score, 0 for an idle node with free memory and no jobs
     */
    public static double score(NodeView node) {
        NodeResources resources = node.resources();
        double cpuPressure = resources.cpuLoad() + (double) node.runningJobs() / Math.max(1, resources.logicalCpus());
        double memoryPressure = resources.memoryTotalBytes() == 0
                ? 1.0
                : 1.0 - (double) resources.memoryAvailableBytes() / resources.memoryTotalBytes();
        return cpuPressure + memoryPressure;
    }
}
