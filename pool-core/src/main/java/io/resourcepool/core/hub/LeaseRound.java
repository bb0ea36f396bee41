package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.FencingToken;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers' lease round, every heartbeat interval where hubs share the database: renews this hub's membership and
 * leases ({@link HubLeases#renew()}), then deals with each connected node whose lease this hub lost meanwhile (it was
 * paused, or the store was away, past the lease): taken again under a new fencing token, which the live node gets,
 * when no other hub holds it; otherwise the node's connection is closed (its worker reconnects, and is refused or goes
 * to the hub that holds it), with a WARN and a {@code node.lease-lost} audit row naming the holder. Last, the
 * per-source limits are shared among the hubs live now ({@link SourceLimits#shareAmong}).
 */
final class LeaseRound implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LeaseRound.class);

    private final HubLeases leases;
    private final NodeRegistry registry;
    private final SourceLimits limits;
    private final AuditLog audit;
    private final InstantSource clock;

    LeaseRound(HubLeases leases, NodeRegistry registry, SourceLimits limits, AuditLog audit, InstantSource clock) {
        this.leases = leases;
        this.registry = registry;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    static LeaseRound of(HubServices hub) {
        return new LeaseRound(hub.leases(), hub.registry(), hub.limits(), hub.store().audit(), hub.clock());
    }

    @Override
    public void run() {
        leases.renew();
        leases.lost().forEach(this::takeAgainOrDrop);
        limits.shareAmong(leases.liveHubCount());
    }

    private void takeAgainOrDrop(NodeId node, FencingToken lost) {
        Optional<LiveNode> live = registry.find(node);
        Optional<FencingToken> again = leases.retake(node, lost);
        if (again.isPresent()) {
            live.ifPresent(n -> n.leasedUnder(again));
            log.warn("hub {}'s lease on node {} had run out (the hub was paused, or the store away); no other hub took the node, so this hub"
                    + " took it again under fencing token {}", leases.self(), node, again.get().value());
            return;
        }
        String holder = leases.holderName(node);
        log.warn("hub {} lost its lease on node {}, which hub {} holds now (this hub was paused, or the store away, past the lease);"
                + " closing the node's connection", leases.self(), node, holder);
        audit.append(new AuditEvent(clock.instant(), "hub", "node.lease-lost", node.value(), "",
                "held by hub " + holder + " since hub " + leases.self() + "'s lease ran out; the node's connection was closed"));
        live.ifPresent(LiveNode::disconnect);
    }
}
