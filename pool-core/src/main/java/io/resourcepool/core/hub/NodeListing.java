package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.core.protocol.QueryMessage;
import io.resourcepool.core.protocol.WireResources;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pool as clients see it: every enrolled node, live figures for those connected. A node connected to another hub
 * of the pool (another live hub holds its lease) is online while the last heartbeat that hub stored is younger than
 * the node timeout, with the figures stored then.
 */
final class NodeListing {
    private NodeListing() {}

    static List<QueryMessage.WireNode> of(HubServices hub) {
        Instant now = hub.clock().instant();
        List<NodeRecord> enrolled = hub.store().nodes().listNodes();
        Set<NodeId> elsewhere = enrolled.stream().anyMatch(n -> hub.registry().find(n.id()).isEmpty()) ? hub.leases().heldByOtherHubs() : Set.of();
        return enrolled.stream()
                .filter(n -> n.revokedAt().isEmpty())
                .map(n -> describe(n, hub.registry().find(n.id()), elsewhere.contains(n.id()), hub, now))
                .toList();
    }

    private static QueryMessage.WireNode describe(NodeRecord stored, Optional<LiveNode> live, boolean heldElsewhere, HubServices hub, Instant now) {
        if (live.isPresent()) {
            LiveNode n = live.get();
            return new QueryMessage.WireNode(n.id().value(), n.hostname(), hub.registry().isOnline(n, now), n.drained(),
                    WireResources.from(n.resources()), n.labels(), n.lastHeartbeat().toEpochMilli(), n.runningJobs().size(), n.sandbox(),
                    n.certificateExpires().map(Instant::toEpochMilli).orElse(0L));
        }
        boolean online = heldElsewhere && stored.lastHeartbeat().filter(at -> hub.registry().heardWithinTimeout(at, now)).isPresent();
        return new QueryMessage.WireNode(stored.id().value(), stored.hostname(), online, stored.drained(),
                WireResources.from(stored.resources()), stored.labels(),
                stored.lastHeartbeat().map(Instant::toEpochMilli).orElse(0L), 0, "", 0L);
    }

    static QueryMessage.AggregateResult aggregate(long requestId, PoolAggregate a) {
        return new QueryMessage.AggregateResult(requestId, a.onlineNodes(), a.logicalCpus(), a.cpusInUse(), a.memoryTotalBytes(),
                a.memoryAvailableBytes(), a.storageTotalBytes(), a.storageAvailableBytes(), a.gpus(), a.computedAt().toEpochMilli());
    }
}
