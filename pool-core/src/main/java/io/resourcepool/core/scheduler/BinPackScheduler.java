package io.resourcepool.core.scheduler;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.api.spi.scheduler.PoolView;
import io.resourcepool.api.spi.scheduler.Scheduler;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code bin-pack} scheduler: packs jobs tightly onto few nodes, so that whole nodes stay free for big jobs.
 * Among the {@linkplain EligibleNodes eligible nodes}:
 * <ul>
 *   <li>a job that claims processors or memory goes to the node with the least room left once it is placed:
 *       fewest unclaimed logical processors after it, then least unclaimed available memory after it, then the
 *       smallest node id;</li>
 *   <li>a job that claims nothing goes to the node with the most running jobs that still has a spare slot
 *       (fewer running jobs than logical processors), ties to the fewest spare slots, then the smallest id.
 *       When every node is full by that count it is not kept waiting (it claims nothing, so nothing forbids
 *       placing it): it goes to the node with the fewest running jobs per processor.</li>
 * </ul>
 * A node that has not reported its processors counts as having one slot. Stateless and thread-safe.
 */
public final class BinPackScheduler implements Scheduler {
    private static final Comparator<NodeView> BY_ID = Comparator.comparing(NodeView::id);

    /** Makes the scheduler. */
    public BinPackScheduler() {}

    @Override
    public Optional<NodeId> place(JobSpec job, PoolView pool) {
        List<NodeView> eligible = EligibleNodes.of(job, pool);
        ResourceRequest request = job.resources();
        Optional<NodeView> chosen = request.equals(ResourceRequest.NONE) ? busiestWithASlot(eligible) : tightest(eligible, request);
        return chosen.map(NodeView::id);
    }

    private static Optional<NodeView> tightest(List<NodeView> eligible, ResourceRequest request) {
        Comparator<NodeView> leastRoomLeft = Comparator
                .comparingLong((NodeView node) -> freeCpusAfter(node, request))
                .thenComparingLong(node -> freeMemoryAfter(node, request))
                .thenComparing(BY_ID);
        return eligible.stream().min(leastRoomLeft);
    }

    private static Optional<NodeView> busiestWithASlot(List<NodeView> eligible) {
        Comparator<NodeView> busiest = Comparator.comparingInt(NodeView::runningJobs).reversed()
                .thenComparingInt(BinPackScheduler::spareSlots)
                .thenComparing(BY_ID);
        Optional<NodeView> withSlot = eligible.stream().filter(node -> spareSlots(node) > 0).min(busiest);
        if (withSlot.isPresent()) {
            return withSlot;
        }
        Comparator<NodeView> leastCrowded = Comparator
                .comparingDouble((NodeView node) -> (double) node.runningJobs() / slots(node))
                .thenComparing(BY_ID);
        return eligible.stream().min(leastCrowded);
    }

    /**
     * Logical processors left unclaimed on a node once a request is placed on it.
     *
     * @param node the node
     * @param request the request
     * @return the processors left; negative only when the node is already over-claimed
     */
    static long freeCpusAfter(NodeView node, ResourceRequest request) {
        return (long) node.resources().logicalCpus() - node.claimed().cpus() - request.cpus();
    }

    /**
     * Reported available memory left unclaimed on a node once a request is placed on it.
     *
     * @param node the node
     * @param request the request
     * @return the bytes left; negative only when the node is already over-claimed
     */
    static long freeMemoryAfter(NodeView node, ResourceRequest request) {
        return node.resources().memoryAvailableBytes() - node.claimed().memoryBytes() - request.memoryBytes();
    }

    private static int slots(NodeView node) {
        return Math.max(1, node.resources().logicalCpus());
    }

    private static int spareSlots(NodeView node) {
        return slots(node) - node.runningJobs();
    }
}
