package io.resourcepool.api.spi.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The online nodes at one moment, as a scheduler sees them.
 *
 * @param nodes the online nodes, drained ones included (a scheduler must not pick those)
 * @param at when the view was taken
 */
public record PoolView(List<NodeView> nodes, Instant at) {
    /** Checks the fields and copies the list. */
    public PoolView {
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes must be given"));
        Objects.requireNonNull(at, "at must be given");
    }
}
