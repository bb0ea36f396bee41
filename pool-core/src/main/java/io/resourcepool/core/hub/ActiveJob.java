package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.protocol.JobMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private volatile Optional<Instant> startedAt = Optional.empty();
    private volatile boolean acceptedSent;
    private final List<JobWatcher> followers = new ArrayList<>();
    private JobMessage.Result ending;

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

    OutputTail tail() {
        return tail;
    }

    /** Keeps a chunk of output in the tail and passes it to the watcher and every follower. */
    synchronized void output(JobMessage.Output chunk) {
        tail.append(chunk.data());
        watcher.output(chunk);
        followers.forEach(f -> f.output(chunk));
    }

    /** Passes the job's end to the watcher and every follower; later followers hear it when they join. */
    synchronized void concluded(JobMessage.Result result) {
        ending = result;
        watcher.result(result);
        followers.forEach(f -> f.result(result));
        followers.clear();
    }

    /**
     * Adds a follower: it hears the job accepted, the output kept so far, then (under the same lock as
     * {@link #output}) every later chunk and the end, so nothing is missed or repeated.
     */
    synchronized void follow(JobWatcher follower) {
        follower.accepted(record.id(), node);
        Bytes sofar = tail.snapshot();
        if (sofar.size() > 0) {
            follower.output(new JobMessage.Output(record.id(), record.attempt(), OutputChannel.STDOUT, sofar));
        }
        if (ending != null) {
            follower.result(ending);
        } else {
            followers.add(follower);
        }
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

    void placedOn(NodeId value, Instant at) {
        node = Optional.of(value);
        startedAt = Optional.of(at);
    }

    /** Since when this attempt has waited for a node. */
    Instant queuedSince() {
        return record.submittedAt();
    }

    /** When this attempt started on its node, if it did. */
    Optional<Instant> startedAt() {
        return startedAt;
    }

    /** Tells the watcher once, before any output can reach it. */
    void announce() {
        if (!acceptedSent) {
            acceptedSent = true;
            watcher.accepted(record.id(), node);
        }
    }
}
