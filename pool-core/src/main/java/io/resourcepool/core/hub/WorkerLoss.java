package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.core.protocol.WireTask;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of the jobs of a worker that went away. A worker whose connection ends keeps its running jobs
 * until its grace ends (its last heartbeat plus the node timeout), so that a worker that reconnects, or a hub
 * that restarted, loses nothing: the worker reports what it still has and the hub takes those back. A job whose
 * worker does not come back in time, comes back without it, or is removed by an admin, is given up: requeued as
 * its next attempt when its spec allows retries, LOST otherwise. Never run twice: a worker is told to stop a task
 * the hub no longer expects from it.
 */
final class WorkerLoss {
    private static final Logger log = LoggerFactory.getLogger(WorkerLoss.class);
    /** What follows a requeue's write (placing the job again) runs off the journal's thread. */
    private static final Executor AFTER_WRITE = task -> Thread.ofVirtual().name("hub-requeue-written").start(task);
    private final JobDispatcher dispatcher;
    private final JobCompletion completion;
    private final JobJournal journal;
    private final OrphanedJobs orphans;
    private final InstantSource clock;
    private final Duration grace;
    private final HubObserver observer;
    private final HubLeases leases;

    WorkerLoss(JobDispatcher dispatcher, JobCompletion completion, JobJournal journal, OrphanedJobs orphans, InstantSource clock,
            Duration grace, HubObserver observer, HubLeases leases) {
        this.leases = leases;
        this.observer = observer;
        this.dispatcher = dispatcher;
        this.completion = completion;
        this.journal = journal;
        this.orphans = orphans;
        this.clock = clock;
        this.grace = grace;
    }

    Duration grace() {
        return grace;
    }

    /** The worker's connection ended: its running jobs wait for it until its grace ends. */
    void disconnected(LiveNode node) {
        observer.nodeOffline(node.id().value());
        orphans.orphan(node.id(), takeJobs(node), node.lastHeartbeat().plus(grace));
    }

    /**
     * The worker registered, perhaps in place of a connection of its own that the hub still held: it takes back
     * the jobs it reports that the hub expects from it, and the hub gives up those it did not report.
     *
     * A worker that says it is the same process (it registered before) holds every task it was given until its result
     * is acknowledged: an expected job it does not report never reached it, and is to be sent to it again in the same
     * attempt ({@link #resend}, once the worker has its answer). Otherwise such a job is given up, since the worker
     * may have run some of it before it restarted.
     *
     * @return the reported tasks the hub does not expect, which the worker must stop and forget, and the jobs to send
     *     it again
     */
    Registration registered(LiveNode node, Optional<LiveNode> replaced, List<WireTask> reported, boolean sameProcess) {
        replaced.ifPresent(old -> orphans.orphan(old.id(), takeJobs(old), clock.instant().plus(grace)));
        List<WireTask> disowned = new ArrayList<>();
        for (WireTask task : reported) {
            Optional<ActiveJob> job = parse(task).flatMap(id -> orphans.claim(node.id(), id, task.attempt()));
            if (job.isPresent()) {
                node.assign(job.get().id(), job.get().spec().resources());
            } else {
                disowned.add(task);
            }
        }
        List<ActiveJob> unsent = new ArrayList<>();
        for (ActiveJob job : orphans.abandon(node.id())) {
            if (sameProcess) {
                unsent.add(job);
            } else {
                giveUp(job, "node " + node.id() + " came back without the job (its worker restarted)");
            }
        }
        return new Registration(disowned, unsent);
    }

    /** What a registration leaves to do: tasks the worker must forget, and jobs that never reached it. */
    record Registration(List<WireTask> disowned, List<ActiveJob> unsent) {}

    /** Sends the jobs that never reached the worker again, once it has the answer to its registration. */
    void resend(LiveNode node, List<ActiveJob> unsent) {
        for (ActiveJob job : unsent) {
            if (!dispatcher.resend(job, node)) {
                giveUp(job, "node " + node.id() + " never got the job, and it could not be sent again");
            }
        }
    }

    /**
     * The node's lease was just taken by this hub: the jobs the store has RUNNING on it that this hub does not know
     * (their hub closed, or its lease ran out) become its orphans, so that the worker's registration takes back those
     * it reports and gives up the others, as after a restart of their own hub. A job submitted here and driven by that
     * hub until now becomes this hub's own again.
     */
    void adopt(NodeId node, List<JobRecord> running) {
        Instant graceEnds = clock.instant().plus(grace);
        for (JobRecord record : running) {
            Optional<ActiveJob> known = dispatcher.find(record.id());
            if (known.isEmpty()) {
                ActiveJob job = new ActiveJob(record, JobWatcher.NONE);
                dispatcher.recovered(job);
                orphans.orphan(node, List.of(job), graceEnds);
            } else if (known.get().cameBack(record)) {
                // submitted here and run by another hub until now: its watcher and followers stay with it
                orphans.orphan(node, List.of(known.get()), graceEnds);
            }
        }
    }

    /** The tasks a heartbeat reports that the hub does not expect from that node: ended, lost or placed elsewhere. */
    List<WireTask> unexpected(LiveNode node, List<WireTask> reported) {
        return reported.stream().filter(task -> parse(task).flatMap(dispatcher::find)
                .filter(job -> job.attempt() == task.attempt() && job.node().equals(Optional.of(node.id()))).isEmpty()).toList();
    }

    /** An admin removed the node: its jobs, running on its connection or orphaned, are given up now. */
    CompletableFuture<Void> removed(NodeId node, Optional<LiveNode> connected) {
        List<ActiveJob> jobs = new ArrayList<>(connected.map(this::takeJobs).orElse(List.of()));
        jobs.addAll(orphans.abandon(node));
        String reason = "node " + node + " was removed by an admin";
        return CompletableFuture.allOf(jobs.stream().map(job -> giveUp(job, reason)).toArray(CompletableFuture[]::new));
    }

    /**
     * A job the store has RUNNING on a node this hub holds, which no hub drives (a start another hub stored just as the
     * node came here, or a placement here racing the node's arrival): its worker does not run it, so it is given up
     * (requeued where retries remain, else LOST) rather than left RUNNING for good.
     */
    void giveUpStranded(JobRecord record) {
        Optional<ActiveJob> known = dispatcher.find(record.id());
        ActiveJob job;
        if (known.isEmpty()) {
            job = new ActiveJob(record, JobWatcher.NONE);
            dispatcher.recovered(job);
        } else if (known.get().cameBack(record)) {
            job = known.get();
        } else {
            return;
        }
        giveUp(job, "the job was RUNNING on node " + record.node().map(Object::toString).orElse("?") + ", which this hub holds, but no hub"
                + " drove it");
    }

    /** Gives up the orphans whose grace has ended. */
    void sweep() {
        for (ActiveJob job : orphans.expired(clock.instant())) {
            giveUp(job, "node " + job.node().map(Object::toString).orElse("?") + " was not heard from for " + grace.toSeconds()
                    + " s while the job ran");
        }
    }

    /**
     * Requeues the job as its next attempt when its spec allows, or ends it LOST; unless another hub took its node
     * meanwhile (this one was paused past the node's lease), which then drives the job: this hub leaves it alone. The
     * lease is checked first, and the give-up is written under it ({@link HubLeases#fenceFor}): a hub paused between
     * that check and the write, past its lease, writes nothing, as the store checks the lease in the same transaction.
     */
    private CompletableFuture<Void> giveUp(ActiveJob job, String reason) {
        Optional<NodeId> node = job.node();
        Optional<List<JournalCondition>> fence = node.isEmpty() ? Optional.of(List.of()) : leases.fenceFor(node.get(), clock.instant());
        if (fence.isEmpty()) {
            leaveToHolder(job, node.get(), "this hub's lease on it ran out");
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> written = giveUpUnder(job, reason, node, fence.get());
        node.ifPresent(on -> written.whenComplete((done, failure) -> leases.givenUp(on)));
        return written;
    }

    /** Writes the give-up under the node's lease; a requeue moves the job in memory only once the store took it. */
    private CompletableFuture<Void> giveUpUnder(ActiveJob job, String reason, Optional<NodeId> node, List<JournalCondition> lease) {
        if (!job.mayRetry()) {
            return completion.lost(job, reason, stillRunning(lease, job.id(), job.attempt()))
                    .exceptionallyCompose(failure -> refused(job, node, failure));
        }
        if (!job.claimForRequeue()) {
            return CompletableFuture.completedFuture(null);
        }
        int lost = job.attempt();
        Optional<Instant> started = job.startedAt();
        Instant now = clock.instant();
        String why = reason + "; attempt " + lost + " is lost and attempt " + (lost + 1) + " waits for a node";
        CompletableFuture<Void> written = journal.requeue(job.id(), lost, why,
                new AuditEvent(now, job.owner(), "job.requeued", job.id().toString(), "", why), stillRunning(lease, job.id(), lost));
        return written.handleAsync((done, failure) -> {
            if (failure != null && WriteRefusedException.isCause(failure)) {
                return refused(job, node, failure);
            }
            // written, or the store failed (logged by the journal): the job waits here again as its next attempt
            job.requeue(now);
            started.ifPresent(at -> JobCompletion.gpuTimeUsed(observer, job, Duration.between(at, now)));
            dispatcher.requeued(job);
            return written;
        }, AFTER_WRITE).thenCompose(next -> next);
    }

    /** The conditions of a give-up: the node's lease (where hubs share the store), and the job still running in that attempt. */
    static List<JournalCondition> stillRunning(List<JournalCondition> lease, JobId job, int attempt) {
        List<JournalCondition> all = new ArrayList<>(lease);
        all.add(new JournalCondition.StillIn(job, attempt, JobState.RUNNING));
        return List.copyOf(all);
    }

    /** A give-up the store refused: another hub took the node since this one checked its lease, and drives the job. */
    private CompletableFuture<Void> refused(ActiveJob job, Optional<NodeId> node, Throwable failure) {
        if (!WriteRefusedException.isCause(failure)) {
            return CompletableFuture.failedFuture(failure);
        }
        leaveToHolder(job, node.orElse(NodeId.of("unknown")), "the store refused the give-up: another hub took the node since this hub"
                + " checked its lease, or the job is no longer RUNNING in attempt " + job.attempt());
        return CompletableFuture.completedFuture(null);
    }

    /** Leaves the job to the hub that holds its node now: nothing of it is written here, and this hub forgets it. */
    private void leaveToHolder(ActiveJob job, NodeId node, String why) {
        String holder;
        try {
            holder = leases.holderName(node);
        } catch (StoreException e) {
            holder = "another hub";
        }
        String detail = "node " + node + " is held by hub " + holder + " now (" + why + "); the job was neither requeued nor lost here";
        log.warn("job {}: {}; it is left to that hub", job.id(), detail);
        journal.note(new AuditEvent(clock.instant(), "hub", "job.left-to-holder", job.id().toString(), "", detail));
        job.endedElsewhere();
        dispatcher.retire(job);
    }

    private List<ActiveJob> takeJobs(LiveNode node) {
        List<ActiveJob> jobs = new ArrayList<>();
        for (JobId id : node.runningJobs()) {
            dispatcher.find(id).ifPresent(jobs::add);
            node.release(id);
        }
        return jobs;
    }

    private static Optional<JobId> parse(WireTask task) {
        try {
            return Optional.of(JobId.parse(task.jobId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
