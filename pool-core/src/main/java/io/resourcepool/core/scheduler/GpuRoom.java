package io.resourcepool.core.scheduler;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.ResourceRequest;
import java.util.Collection;
import java.util.List;

/**
 * Whether a node's GPUs have room for one more GPU claim, model by model. The worker, not the hub, chooses which of
 * the GPUs a claim gets (any of the model it asked for), so the count assumes the worst: every GPU claimed by a job
 * whose model could be one of the GPUs asked for is on one of them. A claim for a model no other claim can touch sees
 * all its model's GPUs (3 L4 and 2 MI210 with both MI210 held: three L4 are free); a claim that names no model
 * competes with every other. Never over-promised, whatever the worker chooses.
 */
public final class GpuRoom {
    private GpuRoom() {}

    /**
     * Says whether the claim fits.
     *
     * @param request the new claim
     * @param gpus the node's GPUs
     * @param claims the GPU claims of the jobs placed there
     * @return true when it asks for no GPU, or enough of the GPUs it accepts are free in the worst case
     */
    public static boolean fits(ResourceRequest request, List<Gpu> gpus, Collection<ResourceRequest> claims) {
        if (request.gpus() == 0) {
            return true;
        }
        List<Gpu> acceptable = gpus.stream().filter(request::acceptsModel).toList();
        long competing = claims.stream().filter(claim -> acceptable.stream().anyMatch(claim::acceptsModel)).mapToLong(ResourceRequest::gpus).sum();
        return acceptable.size() - competing >= request.gpus();
    }
}
