package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.spi.scheduler.PoolView;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workers connected to this hub. A node is online while it is connected and its last heartbeat is
 * younger than the node timeout. No global lock: one concurrent map, and each node guards itself.
 */
final class NodeRegistry {
    private final Map<NodeId, LiveNode> nodes = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final Duration nodeTimeout;

    NodeRegistry(InstantSource clock, Duration nodeTimeout) {
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
    }

    /**
     * Adds a node; a node already connected under that name is replaced and its old connection closed.
     *
     * @return the node replaced, if any
     */
    Optional<LiveNode> connect(LiveNode node) {
        LiveNode previous = nodes.put(node.id(), node);
        if (previous != null && previous != node) {
            previous.disconnect();
        }
        return Optional.ofNullable(previous);
    }

    /** Removes the node if this exact connection is still the registered one. */
    boolean disconnect(LiveNode node) {
        return nodes.remove(node.id(), node);
    }

    Optional<LiveNode> find(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    Collection<LiveNode> connected() {
        return nodes.values();
    }

    boolean isOnline(LiveNode node, Instant now) {
        return heardWithinTimeout(node.lastHeartbeat(), now);
    }

    /** Whether a heartbeat at that time is younger than the node timeout now. */
    boolean heardWithinTimeout(Instant lastHeartbeat, Instant now) {
        return lastHeartbeat.plus(nodeTimeout).isAfter(now);
    }

    List<LiveNode> online() {
        Instant now = clock.instant();
        return nodes.values().stream().filter(n -> isOnline(n, now)).toList();
    }

    /** Nodes whose heartbeats stopped: connected, but silent past the timeout. */
    List<LiveNode> silent() {
        Instant now = clock.instant();
        return nodes.values().stream().filter(n -> !isOnline(n, now)).toList();
    }

    /** Whether the node is still silent now: checked again just before it is dropped, as a heartbeat may have come meanwhile. */
    boolean stillSilent(LiveNode node) {
        return !isOnline(node, clock.instant());
    }

    PoolView view() {
        return new PoolView(online().stream().map(LiveNode::view).toList(), clock.instant());
    }

    /** The GPUs of each online node that has any, with how many its jobs claim. */
    List<HubStatus.NodeGpus> gpus() {
        return online().stream().map(LiveNode::view).filter(v -> !v.resources().gpus().isEmpty())
                .map(v -> new HubStatus.NodeGpus(v.id(), v.resources().gpus(), v.claimed().gpus())).toList();
    }

    PoolAggregate aggregate() {
        // one pass over the nodes, as it runs for every GET /v1/aggregate
        Instant now = clock.instant();
        int count = 0;
        long cpus = 0;
        double cpusInUse = 0;
        long memoryTotal = 0;
        long memoryAvailable = 0;
        long storageTotal = 0;
        long storageAvailable = 0;
        int gpus = 0;
        for (LiveNode node : nodes.values()) {
            if (!isOnline(node, now)) {
                continue;
            }
            NodeResources r = node.resources();
            count++;
            cpus += r.logicalCpus();
            cpusInUse += r.cpuLoad() * r.logicalCpus();
            memoryTotal += r.memoryTotalBytes();
            memoryAvailable += r.memoryAvailableBytes();
            storageTotal += r.storageTotalBytes();
            storageAvailable += r.storageAvailableBytes();
            gpus += r.gpus().size();
        }
        return new PoolAggregate(count, cpus, cpusInUse, memoryTotal, memoryAvailable, storageTotal, storageAvailable, gpus, clock.instant());
    }
}
