package io.resourcepool.core.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.core.auth.EnvironmentVault;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.WireJobSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs in and places them: a job is stored (durable, through the journal) before anyone hears of its id, and
 * its start before its worker hears of it. A new job that fits a node at once is placed first and stored already
 * started, in one commit; any other is stored waiting, then placed by the scheduler and sent to its worker. A job that fits nowhere waits, and is tried again whenever a node joins or
 * a job ends. No global lock: each job moves through its phases by compare-and-set.
 *
 * <p>A submission whose storing failed may still have been stored: a database that goes away during the commit
 * cannot say whether it committed. Its submitter hears of a failure, and the job's id is kept; once the store
 * answers again ({@link #settleUnconfirmed}), a job found stored is run as submitted, as a hub restarting on that
 * store would run it, and one not found is forgotten.
 *
 * <p>The job's environment values are sealed before the store sees them, and stay sealed in the hub's own record
 * of the job; they are opened only to build the task a worker gets, at every attempt.
 */
final class JobDispatcher {
    private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);
    /** Tasks are sent off the journal's thread, which must not wait on a worker's connection. */
    private static final Executor TASK_SENDER = task -> Thread.ofVirtual().name("hub-task-send").start(task);

    private final JobJournal journal;
    private final NodeRegistry registry;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private final Duration defaultTimeout;
    private final long maxOutputCapBytes;
    private final HubObserver observer;
    private final EnvironmentVault environments;
    private final DiskGuard disk;
    private final Map<JobId, ActiveJob> active = new ConcurrentHashMap<>();
    private final Queue<ActiveJob> waiting = new ConcurrentLinkedQueue<>();
    private final UnconfirmedSubmissions unconfirmed;
    /** Jobs shared with other hubs; set once the hub is assembled (a dispatcher alone shares nothing). */
    private volatile Optional<JobsAcrossHubs> across = Optional.empty();

    JobDispatcher(JobJournal journal, NodeRegistry registry, Scheduler scheduler, InstantSource clock, Duration defaultTimeout,
            long maxOutputCapBytes, HubObserver observer, EnvironmentVault environments, DiskGuard disk) {
        this.journal = journal;
        this.registry = registry;
        this.scheduler = scheduler;
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
        this.maxOutputCapBytes = maxOutputCapBytes;
        this.observer = observer;
        this.environments = environments;
        this.disk = disk;
        this.unconfirmed = new UnconfirmedSubmissions(journal, clock, this);
    }

    /**
     * What a give-up of a job stored on the node is written under; empty when another hub of the pool holds the node.
     * Once it is written (or not), {@link #givenUp}.
     */
    Optional<List<JournalCondition>> giveUpFence(NodeId node) {
        return across.map(hubs -> hubs.fenceFor(node)).orElse(Optional.of(List.of()));
    }

    /** A give-up under {@link #giveUpFence} is done: the node's lease may be released again. */
    void givenUp(NodeId node) {
        across.ifPresent(hubs -> hubs.givenUp(node));
    }

    /** Shares waiting jobs with the other hubs of the pool (or with none), once both are assembled. */
    void shareWith(JobsAcrossHubs across) {
        this.across = Optional.of(across);
    }

    /**
     * Accepts a job: stores it, tells the watcher its id, and places it now or later.
     *
     * @throws NotFoundException when the job names a node that is not connected
     * @throws IllegalArgumentException when the job names a drained node: it would wait until an admin
     *     undrains it, which nobody submitting it expects; or asks for an output cap above this hub's bound
     * @throws io.resourcepool.api.BusyException when the hub's disk is (nearly) full, with the figures
     */
    JobId submit(JobSpec requested, String owner, String source, JobWatcher watcher) {
        // every path (the binary protocol, HTTP through the in-process clients, the Java API) submits here
        if (requested.outputCapBytes() > maxOutputCapBytes) {
            throw new IllegalArgumentException("the job asks for an output cap of " + requested.outputCapBytes() + " bytes, more than"
                    + " this hub allows (hub.max-output-cap, " + maxOutputCapBytes + " bytes); ask for less");
        }
        if (requested.target() instanceof NodeSelector.NamedNode named) {
            checkNamed(named.node());
        }
        disk.admitNewJob();
        JobSpec spec = requested.timeout().isZero() ? requested.withTimeout(defaultTimeout) : requested;
        JobId id = JobId.random();
        JobRecord record = JobRecord.queued(id, environments.seal(id, spec), owner, clock.instant());
        AuditEvent submitted = new AuditEvent(record.submittedAt(), owner, "job.submitted", record.id().toString(), source, describe(spec));
        ActiveJob job = new ActiveJob(record, watcher);
        // a job that fits a node now is stored already started there: one commit on its way, not two
        Optional<Placement> placement = claimNode(job).flatMap(node -> runnable(job, node));
        try {
            Durably.await(placement.isEmpty() ? journal.create(record, submitted)
                    : journal.createStarted(record, submitted, placement.get().start()));
        } catch (StoreException e) {
            placement.ifPresent(p -> p.node().release(id));
            unconfirmed.add(id);
            log.warn("job {} of {}: its storing failed ({}); its submitter is told so, and if the store kept it all the same it runs"
                    + " once the store answers", id, owner, e.getMessage());
            throw disk.explain(e);
        }
        active.put(job.id(), job);
        if (placement.isPresent()) {
            send(job, placement.get());
        } else if (!tryPlace(job)) {
            job.announce();
            waiting.add(job);
            across.ifPresent(hubs -> hubs.offer(job));
        }
        return job.id();
    }

    /**
     * Looks for the submissions whose storing failed: one the store kept is taken as if found at start and placed,
     * one it does not hold is forgotten; while the store does not answer, they are kept for the next look.
     */
    void settleUnconfirmed() {
        unconfirmed.settle();
    }

    Optional<ActiveJob> find(JobId id) {
        return Optional.ofNullable(active.get(id));
    }

    /** The jobs waiting here for a node now. */
    List<ActiveJob> waitingJobs() {
        return active.values().stream().filter(j -> j.phase() == ActiveJob.Phase.WAITING).toList();
    }

    int waitingCount() {
        return (int) active.values().stream().filter(j -> j.phase() == ActiveJob.Phase.WAITING || j.phase() == ActiveJob.Phase.PLACING).count();
    }

    int runningCount() {
        return (int) active.values().stream().filter(j -> j.phase() == ActiveJob.Phase.RUNNING).count();
    }

    /**
     * Tries every waiting job again, in arrival order. A job another pass is placing at this moment stays: that pass
     * may find no node and leave it waiting, and only placed or ended jobs leave the waiting ones.
     */
    void placeWaiting() {
        for (ActiveJob job : waiting) {
            ActiveJob.Phase phase = job.phase();
            if (phase == ActiveJob.Phase.RUNNING || phase == ActiveJob.Phase.ELSEWHERE || phase == ActiveJob.Phase.DONE) {
                waiting.remove(job);
            } else if (tryPlace(job)) {
                waiting.remove(job);
            }
        }
    }

    /** Takes back a job lost on its node and requeued as its next attempt, and tries to place it. */
    void requeued(ActiveJob job) {
        waiting.add(job);
        placeWaiting();
    }

    /**
     * Takes a job found unfinished in the store when the hub starts: a QUEUED one waits to be placed, a RUNNING
     * one is driven again once its worker reports it.
     */
    void recovered(ActiveJob job) {
        active.put(job.id(), job);
        if (job.phase() == ActiveJob.Phase.WAITING) {
            waiting.add(job);
        }
    }

    /**
     * Sends a running job's task again to its node, whose worker never got it (the hub that started it died, or the
     * connection broke, before the task got through): the same attempt, its start already stored.
     *
     * @return false, nothing sent, when its environment does not open here
     */
    boolean resend(ActiveJob job, LiveNode node) {
        JobSpec runnable;
        try {
            runnable = environments.open(job.id(), job.spec());
        } catch (ConfigurationException e) {
            log.error("job {} cannot be sent again to node {}: {}", job.id(), node.id(), e.getMessage());
            return false;
        }
        log.info("job {} attempt {} never reached node {}; sending it again", job.id(), job.attempt(), node.id());
        node.assign(job.id(), job.spec().resources());
        TASK_SENDER.execute(() -> sendTask(node, job, task(job, runnable)));
        return true;
    }

    /** Forgets a job that ended. */
    void retire(ActiveJob job) {
        active.remove(job.id());
        waiting.remove(job);
    }

    private void checkNamed(NodeId id) {
        Optional<LiveNode> connected = registry.find(id);
        if (connected.isEmpty() && across.filter(hubs -> hubs.heldElsewhere(id)).isPresent()) {
            return; // connected to another hub of this pool, which places it
        }
        LiveNode node = connected.orElseThrow(() ->
                new NotFoundException("unknown node '" + id + "': no such node is connected to this hub"
                        + (across.filter(JobsAcrossHubs::shared).isPresent() ? " or another live hub of this pool" : "") + "; `pool nodes` lists them"));
        if (node.drained()) {
            throw new IllegalArgumentException("node " + id + " is drained: it takes no new work until an admin undrains it");
        }
    }

    private boolean tryPlace(ActiveJob job) {
        Optional<LiveNode> node = claimNode(job);
        if (node.isEmpty()) {
            return false;
        }
        Optional<JobSpec> runnable = opened(job);
        if (runnable.isEmpty()) {
            node.get().release(job.id());
            return true;
        }
        start(job, runnable.get(), node.get(), clock.instant());
        return true;
    }

    /** Takes a waiting job into placing and claims a node's resources for it; empty, the job waiting again, when none fits. */
    private Optional<LiveNode> claimNode(ActiveJob job) {
        if (!job.moveTo(ActiveJob.Phase.WAITING, ActiveJob.Phase.PLACING)) {
            return Optional.empty();
        }
        // A scheduler must skip drained nodes; checking again keeps a faulty plug-in from placing work there.
        Optional<LiveNode> node = scheduler.place(job.spec(), registry.view()).flatMap(registry::find).filter(n -> !n.drained());
        // GPUs are exclusive: two jobs placed at once must not both take a node's last one
        if (node.isEmpty() || !node.get().claim(job.id(), job.spec().resources())) {
            job.moveTo(ActiveJob.Phase.PLACING, ActiveJob.Phase.WAITING);
            return Optional.empty();
        }
        return node;
    }

    /** A new job placed before it is stored, its task ready to send once the store holds it started. */
    private record Placement(LiveNode node, JobMessage.Task task, JobStore.JobStart start) {}

    /**
     * The placement of a new job whose node is claimed, its environment opened; empty, the node released and the job
     * waiting again, when the environment does not open: the job is then stored first and fails the usual way.
     */
    private Optional<Placement> runnable(ActiveJob job, LiveNode node) {
        JobSpec opened;
        try {
            opened = environments.open(job.id(), job.spec());
        } catch (ConfigurationException e) {
            node.release(job.id());
            job.moveTo(ActiveJob.Phase.PLACING, ActiveJob.Phase.WAITING);
            return Optional.empty();
        }
        Instant at = clock.instant();
        job.placedOn(node.id(), at);
        job.moveTo(ActiveJob.Phase.PLACING, ActiveJob.Phase.RUNNING);
        return Optional.of(new Placement(node, task(job, opened), new JobStore.JobStart(job.id(), job.attempt(), node.id(), at)));
    }

    /** Tells a new job's watcher where it runs, and its worker what to run, once the store holds it started. */
    private void send(ActiveJob job, Placement placement) {
        job.announce();
        job.startStored();
        observer.jobStarted(Duration.between(job.queuedSince(), placement.start().at()));
        TASK_SENDER.execute(() -> sendTask(placement.node(), job, placement.task()));
    }

    /** The job's spec with its environment opened; a job whose environment does not open fails, saying why. */
    private Optional<JobSpec> opened(ActiveJob job) {
        try {
            return Optional.of(environments.open(job.id(), job.spec()));
        } catch (ConfigurationException e) {
            log.error("job {} fails: {}", job.id(), e.getMessage());
            failUnplaced(job, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Ends a job that was being placed as FAILED, recording the reason before its watcher hears it; only while the store
     * still holds it QUEUED, so that a start another hub stored a moment before is never overwritten.
     */
    private void failUnplaced(ActiveJob job, String reason) {
        job.moveTo(ActiveJob.Phase.PLACING, ActiveJob.Phase.DONE);
        job.announce();
        Instant at = clock.instant();
        JobMessage.Result result = new JobMessage.Result(job.id().toString(), job.attempt(), JobState.FAILED.name(), false, 0, false, reason);
        journal.finish(job.id(), new JobOutcome(job.attempt(), JobState.FAILED, Optional.empty(), job.tail().last(), reason, at),
                new AuditEvent(at, job.owner(), "job.finished", job.id().toString(), "", "FAILED: its environment does not open"),
                List.of(new JournalCondition.StillIn(job.id(), job.attempt(), JobState.QUEUED))).whenComplete((done, failure) -> {
                    if (failure != null && WriteRefusedException.isCause(failure)) {
                        log.info("job {} was started by another hub before its failure here was written; that hub drives it", job.id());
                        across.ifPresentOrElse(hubs -> hubs.endRefused(job), () -> retire(job));
                        return;
                    }
                    observer.jobFinished(JobState.FAILED, Duration.ZERO);
                    retire(job);
                    job.concluded(result);
                });
    }

    /**
     * Starts the job on the node. The worker hears of it only once the start is durable, so a hub that restarts
     * finds it RUNNING there, and takes it back from the worker instead of running it a second time. The node's
     * resources are already claimed for it.
     */
    private void start(ActiveJob job, JobSpec runnable, LiveNode node, Instant at) {
        job.placedOn(node.id(), at);
        job.moveTo(ActiveJob.Phase.PLACING, ActiveJob.Phase.RUNNING);
        job.announce();
        observer.jobStarted(Duration.between(job.queuedSince(), at));
        JobMessage.Task task = task(job, runnable);
        journal.start(new JobStore.JobStart(job.id(), job.attempt(), node.id(), at)).whenCompleteAsync((done, failure) -> {
            if (failure != null && unwrapped(failure) instanceof StartRefusedException) {
                node.release(job.id());
                across.ifPresentOrElse(hubs -> hubs.startRefused(job), () -> retire(job));
                return;
            }
            if (failure != null) {
                log.error("the start of job {} could not be stored; it waits again instead of going to node {}", job.id(), node.id(), failure);
                if (job.moveTo(ActiveJob.Phase.RUNNING, ActiveJob.Phase.WAITING)) {
                    node.release(job.id());
                    waiting.add(job);
                }
                return;
            }
            job.startStored();
            sendTask(node, job, task);
        }, TASK_SENDER);
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static JobMessage.Task task(ActiveJob job, JobSpec runnable) {
        return new JobMessage.Task(job.id().toString(), job.attempt(), job.owner(), WireJobSpec.from(runnable));
    }

    private static void sendTask(LiveNode node, ActiveJob job, JobMessage.Task task) {
        try {
            node.send(task);
        } catch (TransportException e) {
            log.debug("node {} went away while job {} was sent to it; its loss will end the job", node.id(), job.id());
        }
    }

    /** What the audit row says of a job: its program and where it may run, never its arguments or environment. */
    private static String describe(JobSpec spec) {
        String where = switch (spec.target()) {
            case NodeSelector.AnyNode any -> "any node";
            case NodeSelector.NamedNode named -> "node " + named.node();
            case NodeSelector.LabelledNodes labelled -> "nodes labelled " + labelled.labels().keySet();
        };
        return "program " + spec.command().getFirst() + " on " + where;
    }
}
