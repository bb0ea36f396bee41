package io.resourcepool.core.client;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.QueryMessage;
import java.time.Instant;
import java.util.Optional;

/** Turns the hub's answers into the client API's records. */
final class WireViews {
    private WireViews() {}

    static NodeInfo node(QueryMessage.WireNode n) {
        return new NodeInfo(NodeId.of(n.id()), n.hostname(), n.online(), n.drained(), n.resources().toResources(), n.labels(),
                n.lastHeartbeat() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(n.lastHeartbeat())), n.runningJobs(), n.sandbox(),
                n.certificateExpiresAt() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(n.certificateExpiresAt())));
    }

    static JoinTokenInfo joinToken(AdminMessage.WireJoinToken t) {
        return new JoinTokenInfo(t.id(), t.createdBy(), Instant.ofEpochMilli(t.createdAt()), Instant.ofEpochMilli(t.expiresAt()),
                t.usedAt() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t.usedAt())),
                t.usedBy().isEmpty() ? Optional.empty() : Optional.of(NodeId.of(t.usedBy())), t.revoked());
    }

    static PoolAggregate aggregate(QueryMessage.AggregateResult a) {
        return new PoolAggregate(a.onlineNodes(), a.logicalCpus(), a.cpusInUse(), a.memoryTotalBytes(), a.memoryAvailableBytes(),
                a.storageTotalBytes(), a.storageAvailableBytes(), a.gpus(), Instant.ofEpochMilli(a.computedAt()));
    }
}
