package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.NodeStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Heartbeats go to the store in batches: the latest report of each node is kept here and written in one
 * transaction per flush, so a thousand workers cost one write per interval, not a thousand. It also counts the
 * heartbeats received since the hub started (the metric {@code resourcepool_heartbeats_received_total}).
 */
final class HeartbeatRecorder {
    private final NodeStore nodes;
    private Map<NodeId, NodeStore.Heartbeat> latest = new HashMap<>();
    private long received;

    HeartbeatRecorder(NodeStore nodes) {
        this.nodes = nodes;
    }

    synchronized void record(NodeId node, NodeStore.Heartbeat heartbeat) {
        latest.put(node, heartbeat);
        received++;
    }

    /** Heartbeats recorded since the hub started. */
    synchronized long received() {
        return received;
    }

    void flush() {
        Map<NodeId, NodeStore.Heartbeat> batch;
        synchronized (this) {
            if (latest.isEmpty()) {
                return;
            }
            batch = latest;
            latest = new HashMap<>();
        }
        nodes.recordHeartbeats(batch);
    }
}
