package io.resourcepool.api.spi.store;

import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import java.time.Instant;
import java.util.Objects;

/**
 * A hub's lease on a node: the hub that holds the node's connection and may place work on it, until the lease
 * runs out by the database's clock.
 *
 * @param node the node
 * @param holder the hub holding it
 * @param token the token it is held under; see {@link FencingToken}
 * @param leaseUntil when it runs out, unless renewed (database time)
 */
public record NodeLease(NodeId node, HubId holder, FencingToken token, Instant leaseUntil) {
    /** Checks the fields. */
    public NodeLease {
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(holder, "holder must be given");
        Objects.requireNonNull(token, "token must be given");
        Objects.requireNonNull(leaseUntil, "leaseUntil must be given");
    }
}
