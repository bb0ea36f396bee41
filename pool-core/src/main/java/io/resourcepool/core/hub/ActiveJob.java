package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobRecord;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A job the hub is driving now: waiting for a node, or running on one. */
final class ActiveJob {
    enum Phase { WAITING, PLACING, RUNNING, DONE }

    private final JobRecord record;
    private final JobWatcher watcher;
    private final OutputTail tail = new OutputTail(JobRecord.MAX_OUTPUT_TAIL_BYTES);
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.WAITING);
    private volatile Optional<NodeId> node = Optional.empty();
    private volatile boolean acceptedSent;

    ActiveJob(JobRecord record, JobWatcher watcher) {
        this.record = record;
        this.watcher = watcher;
    }

    JobId id() {
        return record.id();
    }

    JobRecord record() {
        return record;
    }

    JobWatcher watcher() {
        return watcher;
    }

    OutputTail tail() {
        return tail;
    }

    Optional<NodeId> node() {
        return node;
    }

    int attempt() {
        return record.attempt();
    }

    boolean moveTo(Phase from, Phase to) {
        return phase.compareAndSet(from, to);
    }

    Phase phase() {
        return phase.get();
    }

    void placedOn(NodeId value) {
        node = Optional.of(value);
    }

    /** Tells the watcher once, before any output can reach it. */
    void announce() {
        if (!acceptedSent) {
            acceptedSent = true;
            watcher.accepted(record.id(), node);
        }
    }
}
