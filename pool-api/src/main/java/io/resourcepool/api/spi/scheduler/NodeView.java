package io.resourcepool.api.spi.scheduler;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
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
 * @param claimed resources claimed by those jobs
 */
public record NodeView(NodeId id, NodeResources resources, Map<String, String> labels, boolean drained, int runningJobs, ResourceRequest claimed) {
    /** Checks the fields and copies the labels. */
    public NodeView {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(resources, "resources must be given");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels must be given"));
        Objects.requireNonNull(claimed, "claimed must be given");
    }
}
