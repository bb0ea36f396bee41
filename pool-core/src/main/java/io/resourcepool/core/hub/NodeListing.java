package io.resourcepool.core.hub;

import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.core.protocol.QueryMessage;
import io.resourcepool.core.protocol.WireResources;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pool as clients see it: every enrolled node, live figures for those connected. */
final class NodeListing {
    private NodeListing() {}

    static List<QueryMessage.WireNode> of(HubServices hub) {
        Instant now = hub.clock().instant();
        return hub.store().nodes().listNodes().stream()
                .filter(n -> n.revokedAt().isEmpty())
                .map(n -> describe(n, hub.registry().find(n.id()), hub, now))
                .toList();
    }

    private static QueryMessage.WireNode describe(NodeRecord stored, Optional<LiveNode> live, HubServices hub, Instant now) {
        if (live.isPresent()) {
            LiveNode n = live.get();
            return new QueryMessage.WireNode(n.id().value(), n.hostname(), hub.registry().isOnline(n, now), n.drained(),
                    WireResources.from(n.resources()), n.labels(), n.lastHeartbeat().toEpochMilli(), n.runningJobs().size(), n.sandbox(),
                    n.certificateExpires().map(Instant::toEpochMilli).orElse(0L));
        }
        return new QueryMessage.WireNode(stored.id().value(), stored.hostname(), false, stored.drained(),
                WireResources.from(stored.resources()), stored.labels(),
                stored.lastHeartbeat().map(Instant::toEpochMilli).orElse(0L), 0, "", 0L);
    }

    static QueryMessage.AggregateResult aggregate(long requestId, PoolAggregate a) {
        return new QueryMessage.AggregateResult(requestId, a.onlineNodes(), a.logicalCpus(), a.cpusInUse(), a.memoryTotalBytes(),
                a.memoryAvailableBytes(), a.storageTotalBytes(), a.storageAvailableBytes(), a.gpus(), a.computedAt().toEpochMilli());
    }
}
