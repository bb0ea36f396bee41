package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.probe.ResourceProbe;
import java.util.Objects;

/**
 * The {@code fixed} probe: reports the same stated figures every time. For tests, and for operators who would
 * rather state what a machine offers than have it measured.
 */
public final class FixedResourceProbe implements ResourceProbe {
    private final NodeResources resources;

    /**
     * Makes the probe.
     *
     * @param resources the figures to report
     */
    public FixedResourceProbe(NodeResources resources) {
        this.resources = Objects.requireNonNull(resources, "resources must be given");
    }

    @Override
    public NodeResources sample() {
        return resources;
    }

    @Override
    public String toString() {
        return "FixedResourceProbe[" + resources + "]";
    }
}
