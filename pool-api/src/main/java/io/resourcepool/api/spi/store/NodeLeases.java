package io.resourcepool.api.spi.store;

import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which hub holds each node, with fencing. A hub takes a lease on a node whose connection it holds and renews all
 * its leases together; a hub that stops renewing loses them when they run out (by the database's clock), and
 * another hub may then take the node. Every change of holder gives a larger {@link FencingToken}, never given before,
 * so a hub that was paused and wakes up can tell, or be told, that its token is stale. Each method is one atomic
 * step.
 *
 * <p>How a caller fences a write: check {@link #stillHolds} just before acting on the node, and treat {@code false}
 * as the loss of the node. That check is a moment's truth. A write of the job journal is fenced inside its own
 * transaction: a {@link JournalGroup} under a {@link JournalCondition.LeaseHeld} is written by {@link Store#record}
 * only while the lease is the hub's, and the store keeps the lease from changing hands until that transaction ends.
 */
public interface NodeLeases {

    /**
     * Takes or renews the lease on a node for a hub: given when nobody holds the node, when its lease ran out, or
     * when this hub already holds it. The token stays the same while the holder does, and grows when it changes.
     *
     * @param node the node
     * @param hub the hub taking it
     * @param ttl how long the lease lasts from now, positive
     * @return the lease now held, or empty when another hub holds a lease that has not run out
     */
    Optional<NodeLease> acquire(NodeId node, HubId hub, Duration ttl);

    /**
     * Extends every lease the hub holds that has not run out, in one step. A lease that ran out is left as it is:
     * another hub may be taking the node, so the hub must {@link #acquire} it again.
     *
     * @param hub the hub
     * @param ttl how long the leases last from now, positive
     * @return how many leases were renewed
     */
    int renewAll(HubId hub, Duration ttl);

    /**
     * Gives up a lease, only if the hub still holds it under that token.
     *
     * @param node the node
     * @param hub the hub giving it up
     * @param token the token it was acquired under
     * @return true when released; false when the node changed hands (or was released) meanwhile
     */
    boolean release(NodeId node, HubId hub, FencingToken token);

    /**
     * Who holds the node now.
     *
     * @param node the node
     * @return the lease, or empty when nobody holds one that has not run out
     */
    Optional<NodeLease> holder(NodeId node);

    /**
     * The leases a hub holds now, not run out, in one step: what it compares with the nodes it believes it holds, to
     * find those whose lease ran out or changed hands while it was paused or the store was away.
     *
     * @param hub the hub
     * @return its live leases, in no particular order
     */
    List<NodeLease> heldBy(HubId hub);

    /**
     * Says whether a hub still holds a node under a token, with the lease not run out.
     *
     * @param node the node
     * @param hub the hub
     * @param token the token it was acquired under
     * @return true when it still holds it
     */
    boolean stillHolds(NodeId node, HubId hub, FencingToken token);
}
