package io.resourcepool.api.spi.scheduler;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One online node as a scheduler sees it.
 *
 * @param id the node
 * @param resources what it last reported
 * @param labels its labels
 * @param drained whether it takes no new work
 * @param runningJobs jobs placed on it and not yet finished
 * @param claimed resources claimed by those jobs, summed
 * @param gpuClaims the GPU claim of each of those jobs that claims GPUs, with the model it asked for: a node with GPUs
 *     of several models has room for a job of one model when the others' claims cannot be on its GPUs
 */
public record NodeView(NodeId id, NodeResources resources, Map<String, String> labels, boolean drained, int runningJobs, ResourceRequest claimed,
        List<ResourceRequest> gpuClaims) {
    /** Checks the fields and copies the labels and claims. */
    public NodeView {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(resources, "resources must be given");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels must be given"));
        Objects.requireNonNull(claimed, "claimed must be given");
        gpuClaims = List.copyOf(Objects.requireNonNull(gpuClaims, "gpuClaims must be given"));
        int summed = gpuClaims.stream().mapToInt(ResourceRequest::gpus).sum();
        if (summed != claimed.gpus()) {
            throw new IllegalArgumentException("gpuClaims add up to " + summed + " GPUs but claimed says " + claimed.gpus());
        }
    }

    /**
     * A view that knows only the sum of the GPUs claimed, not their models: they count against every model.
     *
     * @param id the node
     * @param resources what it last reported
     * @param labels its labels
     * @param drained whether it takes no new work
     * @param runningJobs jobs placed on it and not yet finished
     * @param claimed resources claimed by those jobs, summed
     */
    public NodeView(NodeId id, NodeResources resources, Map<String, String> labels, boolean drained, int runningJobs, ResourceRequest claimed) {
        this(id, resources, labels, drained, runningJobs, claimed,
                claimed.gpus() == 0 ? List.of() : List.of(ResourceRequest.NONE.withGpus(claimed.gpus())));
    }
}
