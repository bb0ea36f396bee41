package io.resourcepool.core.client;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.QueryMessage;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the hub's answers, in their wire forms, into the client API's records: for {@link PoolClient}, and for the
 * hub's typed door, whose answers go through the same forms so that both doors say exactly the same.
 */
public final class WireViews {
    private WireViews() {}

    /**
     * A node.
     *
     * @param n the node as the wire has it
     * @return the record
     */
    public static NodeInfo node(QueryMessage.WireNode n) {
        return new NodeInfo(NodeId.of(n.id()), n.hostname(), n.online(), n.drained(), n.resources().toResources(), n.labels(),
                n.lastHeartbeat() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(n.lastHeartbeat())), n.runningJobs(), n.sandbox(),
                n.certificateExpiresAt() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(n.certificateExpiresAt())));
    }

    /**
     * A job.
     *
     * @param j the job as the wire has it
     * @param outputTail the tail of its output, empty in a listing
     * @return the record
     */
    public static JobInfo job(JobQueryMessage.WireJob j, Bytes outputTail) {
        return JobInfo.of(j, outputTail);
    }

    /**
     * One user's GPU time.
     *
     * @param u the figure as the wire has it
     * @return the record
     */
    public static UserUsage usage(QueryMessage.WireUsage u) {
        return new UserUsage(u.username(), u.gpuSeconds());
    }

    static JoinTokenInfo joinToken(AdminMessage.WireJoinToken t) {
        return new JoinTokenInfo(t.id(), t.createdBy(), Instant.ofEpochMilli(t.createdAt()), Instant.ofEpochMilli(t.expiresAt()),
                t.usedAt() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t.usedAt())),
                t.usedBy().isEmpty() ? Optional.empty() : Optional.of(NodeId.of(t.usedBy())), t.revoked());
    }

    /**
     * The pool's sums.
     *
     * @param a the sums as the wire has them
     * @return the record
     */
    public static PoolAggregate aggregate(QueryMessage.AggregateResult a) {
        return new PoolAggregate(a.onlineNodes(), a.logicalCpus(), a.cpusInUse(), a.memoryTotalBytes(), a.memoryAvailableBytes(),
                a.storageTotalBytes(), a.storageAvailableBytes(), a.gpus(), Instant.ofEpochMilli(a.computedAt()));
    }
}
