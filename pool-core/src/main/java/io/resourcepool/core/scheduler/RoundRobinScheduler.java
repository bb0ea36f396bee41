package io.resourcepool.core.scheduler;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.api.spi.scheduler.PoolView;
import io.resourcepool.api.spi.scheduler.Scheduler;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code round-robin} scheduler: takes the {@linkplain EligibleNodes eligible nodes} in the order of their
 * ids and picks the first one after the node it picked last, wrapping around. Keeping the last id rather than a
 * position means nodes joining or leaving do not make it skip or repeat others. Thread-safe: concurrent
 * placements each advance the turn.
 */
public final class RoundRobinScheduler implements Scheduler {
    private final AtomicReference<Optional<NodeId>> last = new AtomicReference<>(Optional.empty());

    /** Makes the scheduler, starting with the smallest node id. */
    public RoundRobinScheduler() {}

    @Override
    public Optional<NodeId> place(JobSpec job, PoolView pool) {
        List<NodeId> eligible = EligibleNodes.of(job, pool).stream().map(NodeView::id).sorted(Comparator.naturalOrder()).toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        while (true) {
            Optional<NodeId> previous = last.get();
            NodeId next = previous
                    .flatMap(p -> eligible.stream().filter(id -> id.compareTo(p) > 0).findFirst())
                    .orElse(eligible.get(0));
            if (last.compareAndSet(previous, Optional.of(next))) {
                return Optional.of(next);
            }
        }
    }
}
