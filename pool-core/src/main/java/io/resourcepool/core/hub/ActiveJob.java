package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.sandbox.ByteRing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job the hub is driving now: waiting for a node, or running on one, in its current attempt. A lost attempt
 * that may be retried goes back to waiting as the next attempt, keeping its watcher and followers.
 */
final class ActiveJob {
    /**
     * Where the job is: waiting for a node here, being placed, running on a node here, ended; or ELSEWHERE, driven
     * by another hub sharing the store, which tells this one its progress ({@link JobsAcrossHubs}).
     */
    enum Phase { WAITING, PLACING, RUNNING, ELSEWHERE, DONE }

    private final JobId id;
    private final JobSpec spec;
    private final String owner;
    private final JobWatcher watcher;
    private final ByteRing tail = new ByteRing(JobRecord.MAX_OUTPUT_TAIL_BYTES);
    private final AtomicReference<Phase> phase;
    private volatile int attempt;
    private volatile Instant queuedSince;
    private volatile Optional<NodeId> node;
    private volatile Optional<Instant> startedAt;
    private volatile boolean acceptedSent;
    private final List<JobWatcher> followers = new ArrayList<>();
    private JobMessage.Result ending;
    /** Bytes of the current attempt's output received from its worker. */
    private long received;
    private final CompletableFuture<Void> endStored = new CompletableFuture<>();
    private volatile OutputDigests digests;

    /** A job as the store has it, QUEUED (waiting) or RUNNING (on its node), heard of by the watcher. */
    ActiveJob(JobRecord record, JobWatcher watcher) {
        this.id = record.id();
        this.spec = record.spec();
        this.owner = record.owner();
        this.watcher = watcher;
        this.attempt = record.attempt();
        this.queuedSince = record.submittedAt();
        this.node = record.node();
        this.startedAt = record.startedAt();
        this.phase = new AtomicReference<>(record.startedAt().isPresent() ? Phase.RUNNING : Phase.WAITING);
        this.digests = new OutputDigests(record.startedAt().isEmpty());
    }

    /** The digests of the current attempt's stdout and stderr, for its {@code job.finished} row. */
    OutputDigests digests() {
        return digests;
    }

    JobId id() {
        return id;
    }

    JobSpec spec() {
        return spec;
    }

    String owner() {
        return owner;
    }

    ByteRing tail() {
        return tail;
    }

    /**
     * Keeps a chunk of output in the tail and passes it to the watcher and every follower, which only queue it; a
     * follower that was dropped or left is forgotten.
     */
    synchronized void output(JobMessage.Output chunk) {
        received += chunk.data().size();
        digests.add(chunk.channel(), chunk.data());
        relay(chunk);
    }

    /**
     * The worker's copy of this attempt's output, sent on a new connection. When the hub received every byte it
     * sent, nothing changes. Otherwise (the hub restarted, or chunks died with the old connection) the copy is
     * added to the tail and passed on, after a line that says so: the tail then ends as the worker's output did.
     */
    synchronized void restore(JobMessage.OutputCopy copy) {
        if (copy.sentBytes() == received) {
            return;
        }
        Bytes last = copy.bytes();
        String note = "\n[the hub missed " + (copy.sentBytes() - received) + " bytes of this attempt's output; the worker's copy of its last "
                + last.size() + " bytes follows]\n";
        received = copy.sentBytes();
        digests.missedSome();
        relay(new JobMessage.Output(id, attempt, OutputChannel.STDERR, Bytes.utf8(note)));
        relay(new JobMessage.Output(id, attempt, OutputChannel.STDOUT, last));
    }

    private void relay(JobMessage.Output chunk) {
        tail.append(chunk.data());
        watcher.output(chunk);
        followers.forEach(f -> f.output(chunk));
        followers.removeIf(JobWatcher::ended);
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
        follower.accepted(id, node);
        Bytes sofar = tail.last();
        if (sofar.size() > 0) {
            follower.output(new JobMessage.Output(id, attempt, OutputChannel.STDOUT, sofar));
        }
        if (ending != null) {
            follower.result(ending);
        } else {
            followers.add(follower);
        }
    }

    /** Completes once the job's end is in the store: until then its worker keeps the result, unacknowledged. */
    CompletableFuture<Void> endStored() {
        return endStored;
    }

    Optional<NodeId> node() {
        return node;
    }

    int attempt() {
        return attempt;
    }

    /** Whether a lost attempt may be followed by another: the spec's retries are not used up. */
    boolean mayRetry() {
        return attempt <= spec.retries();
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

    /**
     * Claims the running attempt for a give-up, before the requeue is written: no result, placement or other give-up
     * touches it meanwhile. Then either {@link #requeue} (written) or {@link #endedElsewhere} (refused).
     *
     * @return false when the job was not running (it ended, or another thread claimed it first)
     */
    boolean claimForRequeue() {
        return phase.compareAndSet(Phase.RUNNING, Phase.PLACING);
    }

    /**
     * The claimed attempt was lost and the job waits again as the next attempt, from {@code at}. The output of
     * the lost attempt stays in the tail, so its followers still see what happened.
     */
    void requeue(Instant at) {
        synchronized (this) {
            attempt++;
            received = 0;
            digests = new OutputDigests(true);
        }
        node = Optional.empty();
        startedAt = Optional.empty();
        queuedSince = at;
        phase.set(Phase.WAITING);
    }

    /** Since when this attempt has waited for a node. */
    Instant queuedSince() {
        return queuedSince;
    }

    /** When this attempt started on its node, if it did. */
    Optional<Instant> startedAt() {
        return startedAt;
    }

    /** Whether another hub offered this job (its submitter waits there), rather than it being submitted or found here. */
    boolean offeredByAnotherHub() {
        return watcher instanceof RemoteWatcher;
    }

    /** Tells the watcher that the start of this attempt on its node is durable. */
    void startStored() {
        node.ifPresent(on -> watcher.started(id, on));
    }

    /** Another hub started the job on one of its nodes: this hub only relays its progress from now on. */
    boolean startedElsewhere(NodeId on) {
        if (phase.get() == Phase.ELSEWHERE || phase.compareAndSet(Phase.WAITING, Phase.ELSEWHERE)
                || phase.compareAndSet(Phase.RUNNING, Phase.ELSEWHERE)) {
            node = Optional.of(on);
            return true;
        }
        return false;
    }

    /** The store refused this hub's start of the job: another hub started (or ended) it, and drives it from now on. */
    boolean refusedHere() {
        if (!phase.compareAndSet(Phase.RUNNING, Phase.ELSEWHERE)) {
            return false;
        }
        node = Optional.empty();
        startedAt = Optional.empty();
        return true;
    }

    /**
     * The job, driven elsewhere until now (or held waiting here while another hub started it), is this hub's again as
     * the store has it: RUNNING on a node whose lease this hub took, or QUEUED again (its attempt lost there).
     *
     * @return false when it was neither driven elsewhere nor waiting here
     */
    boolean cameBack(JobRecord record) {
        // taken into PLACING first, as a placement does, so that no other pass places it while it changes
        if (!phase.compareAndSet(Phase.ELSEWHERE, Phase.PLACING) && !phase.compareAndSet(Phase.WAITING, Phase.PLACING)) {
            return false;
        }
        boolean running = record.state() == JobState.RUNNING;
        synchronized (this) {
            attempt = record.attempt();
            received = 0;
            digests = new OutputDigests(!running);
        }
        node = running ? record.node() : Optional.empty();
        startedAt = running ? record.startedAt() : Optional.empty();
        phase.set(running ? Phase.RUNNING : Phase.WAITING);
        return true;
    }

    /** The job ended on another hub, which stored its end: nothing is left to write here. */
    synchronized void endedElsewhere() {
        phase.set(Phase.DONE);
        endStored.complete(null);
    }

    /**
     * The store refused this hub's end of the job while it waited here: another hub started it first and drives it
     * from now on, unless its end was heard meanwhile.
     *
     * @return false when the job's end is known already
     */
    synchronized boolean endRefused() {
        return !endStored.isDone() && phase.compareAndSet(Phase.DONE, Phase.ELSEWHERE);
    }

    /** Tells the watcher once, before any output can reach it. */
    void announce() {
        if (!acceptedSent) {
            acceptedSent = true;
            watcher.accepted(id, node);
        }
    }
}
