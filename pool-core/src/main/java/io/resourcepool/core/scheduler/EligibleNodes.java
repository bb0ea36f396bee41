package io.resourcepool.core.scheduler;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.api.spi.scheduler.PoolView;
import java.util.List;

/**
 * The nodes a job may be placed on now:
 * <ul>
 *   <li>not drained;</li>
 *   <li>matching the job's selector: any node; only the named one; or those whose labels include every wanted
 *       label with the same value;</li>
 *   <li>with room for the claim: when the job claims processors, those already claimed plus these fit in the
 *       node's logical processors; when it claims memory, that already claimed plus this fits in the memory the
 *       node last reported available; when it claims GPUs, enough of the GPUs the node last reported of the model
 *       asked for are free, counting the claims of the jobs there model by model ({@link GpuRoom}), so a node with
 *       mixed models is never over-promised. A job that claims nothing fits anywhere.</li>
 * </ul>
 */
public final class EligibleNodes {
    private EligibleNodes() {}

    /**
     * Lists the nodes of the view a job may be placed on, in the view's order.
     *
     * @param job the job
     * @param pool the view
     * @return the eligible nodes, possibly none
     */
    public static List<NodeView> of(JobSpec job, PoolView pool) {
        return pool.nodes().stream()
                .filter(node -> !node.drained())
                .filter(node -> matches(job.target(), node))
                .filter(node -> hasRoom(job.resources(), node))
                .toList();
    }

    /**
     * Says whether a node matches a selector.
     *
     * @param selector where the job may run
     * @param node the node
     * @return true when it may run there
     */
    public static boolean matches(NodeSelector selector, NodeView node) {
        return switch (selector) {
            case NodeSelector.AnyNode any -> true;
            case NodeSelector.NamedNode named -> named.node().equals(node.id());
            case NodeSelector.LabelledNodes labelled -> node.labels().entrySet().containsAll(labelled.labels().entrySet());
        };
    }

    /**
     * Says whether a node has room for a claim on top of what its running jobs claim.
     *
     * @param request what the job claims
     * @param node the node
     * @return true when it fits
     */
    public static boolean hasRoom(ResourceRequest request, NodeView node) {
        boolean cpusFit = request.cpus() == 0
                || (long) node.claimed().cpus() + request.cpus() <= node.resources().logicalCpus();
        boolean memoryFits = request.memoryBytes() == 0
                || node.claimed().memoryBytes() <= node.resources().memoryAvailableBytes() - request.memoryBytes();
        boolean gpusFit = GpuRoom.fits(request, node.resources().gpus(), node.gpuClaims());
        return cpusFit && memoryFits && gpusFit;
    }
}
