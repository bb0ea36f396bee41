package io.resourcepool.core.client;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.core.protocol.QueryMessage;
import java.time.Instant;
import java.util.Optional;

/** Turns the hub's answers into the client API's records. */
final class WireViews {
    private WireViews() {}

    static NodeInfo node(QueryMessage.WireNode n) {
        return new NodeInfo(NodeId.of(n.id()), n.hostname(), n.online(), n.drained(), n.resources().toResources(), n.labels(),
                n.lastHeartbeat() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(n.lastHeartbeat())), n.runningJobs(), n.sandbox());
    }

    static PoolAggregate aggregate(QueryMessage.AggregateResult a) {
        return new PoolAggregate(a.onlineNodes(), a.logicalCpus(), a.cpusInUse(), a.memoryTotalBytes(), a.memoryAvailableBytes(),
                a.storageTotalBytes(), a.storageAvailableBytes(), a.gpus(), Instant.ofEpochMilli(a.computedAt()));
    }
}
