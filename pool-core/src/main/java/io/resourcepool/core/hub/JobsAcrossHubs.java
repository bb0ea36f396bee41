package io.resourcepool.core.hub;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.core.protocol.JobMessage;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs across the hubs that share one database ({@link HubCoordination}; without it nothing here does anything).
 * Every hub places jobs on the nodes connected to it. A job that cannot start at once where it was submitted is
 * offered to the other live hubs ({@link HubLetter#QUEUED}), or to the hub holding the node it names; each may
 * place it, and the store lets one start win ({@link StartRefusedException} for the others). The winner tells the
 * submitting hub of the start, the output and the end, so its client hears them as from a local job. A follow or a
 * cancel of a job driven elsewhere is sent to the hub that holds its node (a cancel to every hub, since a waiting
 * job may be held by several). {@link JobWatches} covers letters that never come.
 *
 * <p>When a hub is gone (its membership ran out), the others take its letters, every queued job none of them
 * holds, and the running jobs of nodes nobody holds as orphans until their grace ends, as a hub that restarts takes
 * its own: the worker, free to join any hub, takes them back where it registers, and once the grace ends the hub that
 * holds the node (or takes it then) gives up those nobody reported.
 */
final class JobsAcrossHubs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobsAcrossHubs.class);

    private final Optional<HubCoordination> coordination;
    private final HubLeases leases;
    private final JobStore jobs;
    private final JobDispatcher dispatcher;
    private final JobCompletion completion;
    private final WorkerLoss loss;
    private final NodeRegistry registry;
    private final InstantSource clock;
    private final Optional<HubPost> post;
    private final JobWatches watches;
    /** Polls between two looks for stranded jobs (about every 10 s at the default heartbeat interval). */
    private static final int STRANDED_EVERY = 4;
    /** Jobs seen stranded at the last look: given up when seen so again. */
    private Set<JobId> strandedBefore = Set.of();
    private long polls;
    /** The hubs live at the last poll (every half heartbeat interval), so that offering a job reads no table. */
    private volatile Set<HubId> lastLive = Set.of();

    JobsAcrossHubs(Optional<HubCoordination> coordination, HubLeases leases, JobStore jobs, JobDispatcher dispatcher, JobCompletion completion,
            WorkerLoss loss, NodeRegistry registry, InstantSource clock) {
        this.coordination = coordination;
        this.leases = leases;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.completion = completion;
        this.loss = loss;
        this.registry = registry;
        this.clock = clock;
        this.post = coordination.map(c -> new HubPost(c.handover(), leases.self()));
        this.watches = new JobWatches(leases.self(), jobs, leases::holderOf, dispatcher);
    }

    /** Whether other hubs may share this hub's jobs. */
    boolean shared() {
        return post.isPresent();
    }

    /** Starts taking this hub's letters; called once the hub is announced. */
    void start() {
        post.ifPresent(p -> p.start(this::receive));
        lastLive = Set.copyOf(leases.liveHubs());
    }

    /** How many jobs driven elsewhere are watched here. */
    int watched() {
        return watches.size();
    }

    /** What a give-up of a job on the node is written under ({@link HubLeases#fenceFor}); empty when another hub holds the node. */
    Optional<List<JournalCondition>> fenceFor(NodeId node) {
        return leases.fenceFor(node, clock.instant());
    }

    /** A give-up under {@link #fenceFor} is done. */
    void givenUp(NodeId node) {
        leases.givenUp(node);
    }

    /** Whether a node that is not connected here is one another live hub holds, so that a job may name it. */
    boolean heldElsewhere(NodeId node) {
        return shared() && leases.heldElsewhere(node, leases.liveHubs());
    }

    /** A job submitted here waits for a node: the other live hubs (or the one holding the node it names) may place it. */
    void offer(ActiveJob job) {
        offerTo(job, others());
    }

    /** Offers a job waiting here to some hubs; alone, nothing: a hub that starts later takes every queued job. */
    private void offerTo(ActiveJob job, List<HubId> hubs) {
        if (post.isEmpty() || hubs.isEmpty()) {
            return;
        }
        long watch = watches.home(job);
        HubLetter letter = HubLetter.of(HubLetter.QUEUED, leases.self(), watch, job.id());
        if (job.spec().target() instanceof NodeSelector.NamedNode named) {
            leases.holderOf(named.node()).filter(h -> !h.equals(leases.self())).ifPresent(holder -> post.get().post(holder, letter));
        } else {
            hubs.forEach(hub -> post.get().post(hub, letter));
        }
    }

    /**
     * The store refused this hub's start of a job (its node is released already): another hub started, ended or
     * requeued it. A job submitted here stays, driven elsewhere, for its watcher; one offered by another hub is
     * forgotten, since the hub that won tells the submitter.
     */
    void startRefused(ActiveJob job) {
        boolean submittedHere = watches.watchesHome(job) && (job.refusedHere() || job.phase() == ActiveJob.Phase.ELSEWHERE);
        if (!submittedHere) {
            job.endedElsewhere();
            dispatcher.retire(job);
        }
        log.debug("job {} started elsewhere or ended; this hub's start was refused", job.id());
    }

    /** A follower here of a job another hub drives: it hears the job's progress from that hub. */
    void follow(JobRecord job, JobWatcher follower) {
        long watch = watches.follower(job.id(), follower);
        if (job.state() == JobState.RUNNING) {
            job.node().flatMap(leases::holderOf).filter(h -> !h.equals(leases.self())).ifPresent(holder -> {
                watches.asked(watch, holder);
                post.orElseThrow().post(holder, HubLetter.of(HubLetter.FOLLOW, leases.self(), watch, job.id()));
            });
        }
    }

    /** A cancel of a job another hub drives (or may hold waiting): every other live hub is told. */
    void cancel(JobId job, String by) {
        HubLetter letter = new HubLetter(HubLetter.CANCEL, leases.self(), 0, job, by, Optional.empty());
        others().forEach(hub -> post.orElseThrow().post(hub, letter));
    }

    /**
     * The store refused this hub's end of a job it held waiting, as another hub stored the job's start first: the
     * cancel goes on to the other hubs (again: the one that started it may have been placing it when the first letter
     * came), and the one running it stops it, so that the job ends CANCELLED through its worker with its real start.
     */
    void cancelRefused(ActiveJob job, String by) {
        log.info("job {} was started by another hub just before this hub's cancel was written; the cancel goes on to the hub running it",
                job.id());
        cancel(job.id(), by);
        endRefused(job);
    }

    /**
     * The store refused this hub's end of a job it held waiting, as another hub stored the job's start first. A job
     * submitted here is watched, driven elsewhere, until its end comes; one offered by another hub is forgotten, since
     * the hub running it tells the submitter.
     */
    void endRefused(ActiveJob job) {
        if (job.offeredByAnotherHub()) {
            job.endedElsewhere();
            dispatcher.retire(job);
        } else if (job.endRefused()) {
            watches.home(job);
        }
    }

    /** The timers' round: watched jobs are looked at in the store, and the work of hubs that are gone is taken. */
    void poll() {
        if (post.isEmpty()) {
            return;
        }
        watches.poll(post.get());
        Set<HubId> live = Set.copyOf(leases.liveHubs());
        Set<HubId> gone = new HashSet<>(lastLive);
        gone.removeAll(live);
        gone.remove(leases.self());
        List<HubId> joined = live.stream().filter(hub -> !lastLive.contains(hub) && !hub.equals(leases.self())).toList();
        lastLive = live;
        if (!gone.isEmpty()) {
            takeOver(gone);
        }
        if (!joined.isEmpty()) {
            // a hub that started took the queued jobs it found then; those that waited here since are offered to it now
            dispatcher.waitingJobs().stream().filter(job -> !job.offeredByAnotherHub()).forEach(job -> offerTo(job, joined));
        }
        if (++polls % STRANDED_EVERY == 0) {
            giveUpStranded();
        }
    }

    /**
     * Jobs the store has RUNNING on nodes this hub holds that no hub drives here: seen so at two looks in a row, they
     * are given up ({@link WorkerLoss#giveUpStranded}), so a race between hubs never leaves a job RUNNING for good.
     */
    private void giveUpStranded() {
        Set<JobId> stranded = new HashSet<>();
        for (JobRecord record : jobs.list(JobQuery.inState(JobState.RUNNING, JobQuery.MAX_LIMIT))) {
            boolean drivenHere = dispatcher.find(record.id()).filter(job -> job.phase() != ActiveJob.Phase.ELSEWHERE).isPresent();
            if (!drivenHere && record.node().filter(leases::holds).isPresent()) {
                stranded.add(record.id());
                if (strandedBefore.contains(record.id())) {
                    log.warn("job {} is RUNNING on node {}, which this hub holds, but no hub drives it; giving it up", record.id(),
                            record.node().get());
                    loss.giveUpStranded(record);
                }
            }
        }
        strandedBefore = stranded;
    }

    private void takeOver(Set<HubId> gone) {
        HubCoordination c = coordination.orElseThrow();
        int letters = gone.stream().mapToInt(hub -> c.handover().reassign(hub, leases.self())).sum();
        int queued = 0;
        int running = 0;
        for (JobRecord record : jobs.unfinished()) {
            if (record.state() == JobState.QUEUED && dispatcher.find(record.id()).isEmpty()) {
                dispatcher.recovered(new ActiveJob(record, JobWatcher.NONE));
                queued++;
            } else if (record.state() == JobState.RUNNING && leases.holderOf(record.node().orElseThrow()).isEmpty()) {
                // no lease taken: the worker may join any hub, which takes the jobs with the node; whichever hub holds
                // the node when the grace ends (or takes it then, if nobody does) gives up the jobs it did not report
                loss.adopt(record.node().get(), List.of(record));
                running++;
            }
        }
        log.warn("hub(s) {} are gone: this hub took {} of their letters, {} queued jobs and {} running jobs of nodes nobody holds"
                + " (those wait for their workers until {})", gone, letters, queued, running, clock.instant().plus(loss.grace()));
        dispatcher.placeWaiting();
    }

    private List<HubId> others() {
        return lastLive.stream().filter(hub -> !hub.equals(leases.self())).toList();
    }

    private void receive(HubLetter letter) {
        switch (letter.kind()) {
            case HubLetter.QUEUED -> offered(letter);
            case HubLetter.FOLLOW -> dispatcher.find(letter.job()).filter(job -> job.phase() != ActiveJob.Phase.ELSEWHERE)
                    .ifPresent(job -> job.follow(RemoteWatcher.forFollower(post.orElseThrow(), letter.from(), letter.watch())));
            case HubLetter.CANCEL -> cancelled(letter);
            case HubLetter.EVENT -> watches.deliver(letter);
            default -> log.warn("letter of unknown kind {} from hub {} ignored", letter.kind(), letter.from());
        }
    }

    /** Another hub's job waits: this hub holds it too, and may start it on one of its nodes. */
    private void offered(HubLetter letter) {
        if (dispatcher.find(letter.job()).isPresent()) {
            return;
        }
        jobs.find(letter.job()).filter(record -> record.state() == JobState.QUEUED).ifPresent(record -> {
            dispatcher.recovered(new ActiveJob(record, RemoteWatcher.forOffer(post.orElseThrow(), letter.from(), letter.watch())));
            dispatcher.placeWaiting();
        });
    }

    private void cancelled(HubLetter letter) {
        Optional<ActiveJob> job = dispatcher.find(letter.job());
        if (job.isEmpty()) {
            return;
        }
        switch (job.get().phase()) {
            case WAITING -> completion.cancelWaiting(job.get(), letter.text()).thenAccept(stored -> {
                if (!stored) {
                    cancelRefused(job.get(), letter.text());
                }
            });
            case RUNNING -> job.get().node().flatMap(registry::find).ifPresent(node -> {
                try {
                    node.send(new JobMessage.Cancel(0, letter.job().toString()));
                } catch (TransportException e) {
                    node.disconnect();
                }
            });
            default -> { }
        }
    }

    /** Sends what was posted and stops taking letters. */
    @Override
    public void close() {
        post.ifPresent(HubPost::close);
    }
}
