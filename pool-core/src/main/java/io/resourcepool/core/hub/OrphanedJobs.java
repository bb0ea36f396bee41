package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Running jobs whose worker is not connected: it went away, or the hub restarted and it has not come back yet.
 * Each waits until its node's grace ends (its last heartbeat plus the node timeout): a worker that registers
 * again before then reclaims the jobs it still has, and the rest are given up (LOST, or requeued where the spec
 * allows retries). One lock: orphans are few and rarely touched.
 */
final class OrphanedJobs {
    private record Orphan(ActiveJob job, Instant deadline) {}

    private final Map<NodeId, Map<JobId, Orphan>> byNode = new HashMap<>();

    /** Keeps a node's running jobs until the deadline. */
    synchronized void orphan(NodeId node, Collection<ActiveJob> jobs, Instant deadline) {
        Map<JobId, Orphan> orphans = byNode.computeIfAbsent(node, n -> new HashMap<>());
        jobs.forEach(job -> orphans.put(job.id(), new Orphan(job, deadline)));
    }

    /** The orphan this node reports still running (or ended) in this attempt, taken from the orphans. */
    synchronized Optional<ActiveJob> claim(NodeId node, JobId id, int attempt) {
        Map<JobId, Orphan> orphans = byNode.getOrDefault(node, Map.of());
        Orphan orphan = orphans.get(id);
        if (orphan == null || orphan.job().attempt() != attempt) {
            return Optional.empty();
        }
        orphans.remove(id);
        return Optional.of(orphan.job());
    }

    /** Every orphan of a node, taken: the node came back without them, or was removed. */
    synchronized List<ActiveJob> abandon(NodeId node) {
        Map<JobId, Orphan> orphans = byNode.remove(node);
        return orphans == null ? List.of() : orphans.values().stream().map(Orphan::job).toList();
    }

    /** The orphans whose grace has ended, taken. */
    synchronized List<ActiveJob> expired(Instant now) {
        List<ActiveJob> expired = new ArrayList<>();
        byNode.values().forEach(orphans -> orphans.values().removeIf(o -> {
            boolean over = !o.deadline().isAfter(now);
            if (over) {
                expired.add(o.job());
            }
            return over;
        }));
        byNode.values().removeIf(Map::isEmpty);
        return expired;
    }

    synchronized int size() {
        return byNode.values().stream().mapToInt(Map::size).sum();
    }
}
