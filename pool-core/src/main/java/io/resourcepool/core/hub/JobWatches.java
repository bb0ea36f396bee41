package io.resourcepool.core.hub;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.core.protocol.JobMessage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Who waits here on jobs that other hubs drive: a job submitted here and started elsewhere (its own record here
 * relays the progress to its watcher and followers), or a follower of a job driven elsewhere. Each has a watch
 * number, which the letters about it carry ({@link HubLetter#EVENT}). Letters can be lost (a hub dies before it
 * sends one), so {@link #poll} also looks at each such job in the store: a job seen ended twice in a row is
 * concluded from the store, one seen running under a hub that sends nothing is asked for from that hub, and a job
 * of this hub found queued again twice in a row (its attempt was lost elsewhere) waits here again.
 */
final class JobWatches {
    /** Waiting jobs submitted here are looked at in the store only every this many polls. */
    private static final int WAITING_POLL_EVERY = 8;

    /** One watch; its fields are touched by the letter-taking thread and the poll, under the watch's lock. */
    private static final class Watch {
        final JobId job;
        final Optional<ActiveJob> home;
        final JobWatcher follower;
        HubId source;
        HubId asked;
        HubId seenHolder;
        boolean announced;
        boolean heard;
        int endedPolls;
        int queuedPolls;

        Watch(JobId job, Optional<ActiveJob> home, JobWatcher follower) {
            this.job = job;
            this.home = home;
            this.follower = follower;
        }
    }

    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final HubId self;
    private final JobStore jobs;
    private final Function<NodeId, Optional<HubId>> holders;
    private final JobDispatcher dispatcher;
    private long polls;

    JobWatches(HubId self, JobStore jobs, Function<NodeId, Optional<HubId>> holders, JobDispatcher dispatcher) {
        this.self = self;
        this.jobs = jobs;
        this.holders = holders;
        this.dispatcher = dispatcher;
    }

    /** Watches a job submitted here that may start on another hub (once); returns its watch number. */
    long home(ActiveJob job) {
        for (Map.Entry<Long, Watch> entry : watches.entrySet()) {
            if (entry.getValue().home.filter(home -> home == job).isPresent()) {
                return entry.getKey();
            }
        }
        return add(new Watch(job.id(), Optional.of(job), JobWatcher.NONE));
    }

    /** Watches a job driven by another hub for a follower here; returns its watch number. */
    long follower(JobId job, JobWatcher follower) {
        return add(new Watch(job, Optional.empty(), follower));
    }

    /** Notes that the watch's progress was asked for from a hub, so that the poll does not ask it again. */
    void asked(long number, HubId hub) {
        Watch watch = watches.get(number);
        if (watch != null) {
            synchronized (watch) {
                watch.asked = hub;
            }
        }
    }

    /** Whether the job, submitted here, is watched. */
    boolean watchesHome(ActiveJob job) {
        return watches.values().stream().anyMatch(watch -> watch.home.filter(home -> home == job).isPresent());
    }

    int size() {
        return watches.size();
    }

    private long add(Watch watch) {
        while (true) {
            // random, so that a letter for a hub that is gone, handed to this one, cannot match a watch of its own
            long number = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            if (watches.putIfAbsent(number, watch) == null) {
                return number;
            }
        }
    }

    /** A start, output chunk or end from the hub that drives the job; one for no watch here (or another job) is ignored. */
    void deliver(HubLetter letter) {
        Watch watch = watches.get(letter.watch());
        if (watch == null || !watch.job.equals(letter.job()) || letter.event().isEmpty()) {
            return;
        }
        synchronized (watch) {
            watch.source = letter.from();
            switch (letter.event().get()) {
                case JobMessage.Accepted accepted -> started(watch, accepted.node().isEmpty() ? Optional.empty() : Optional.of(NodeId.of(accepted.node())));
                case JobMessage.Output output -> {
                    watch.heard = true;
                    watch.home.ifPresentOrElse(job -> job.output(output), () -> watch.follower.output(output));
                }
                case JobMessage.Result result -> {
                    watches.remove(letter.watch());
                    end(watch, result);
                }
                default -> { }
            }
        }
    }

    private void started(Watch watch, Optional<NodeId> node) {
        if (watch.home.isPresent()) {
            node.ifPresent(on -> watch.home.get().startedElsewhere(on));
        } else if (!watch.announced) {
            watch.announced = true;
            watch.follower.accepted(watch.job, node);
        }
    }

    private void end(Watch watch, JobMessage.Result result) {
        if (watch.home.isPresent()) {
            ActiveJob job = watch.home.get();
            job.endedElsewhere();
            dispatcher.retire(job);
            job.concluded(result);
        } else {
            started(watch, Optional.empty());
            watch.follower.result(result);
        }
    }

    /** Looks at each watched job in the store (see the class's description); a store that fails is tried at the next poll. */
    void poll(HubPost post) {
        polls++;
        for (Map.Entry<Long, Watch> entry : watches.entrySet()) {
            Watch watch = entry.getValue();
            if (skip(watch)) {
                continue;
            }
            Optional<JobRecord> stored;
            try {
                stored = jobs.find(watch.job);
            } catch (StoreException e) {
                return;
            }
            synchronized (watch) {
                if (!watches.containsKey(entry.getKey())) {
                    continue;
                }
                if (stored.isEmpty() || settled(watch, stored.get()) || followedHere(watch, stored.get())) {
                    watches.remove(entry.getKey());
                } else {
                    askIfSilent(entry.getKey(), watch, stored.get(), post);
                }
            }
        }
    }

    /** Whether a watch needs no look now: its job's client left, or the job runs or waits here. */
    private boolean skip(Watch watch) {
        if (watch.home.isEmpty()) {
            if (watch.follower.ended()) {
                watches.values().remove(watch);
                return true;
            }
            return false;
        }
        ActiveJob.Phase phase = watch.home.get().phase();
        if (phase == ActiveJob.Phase.DONE) {
            watches.values().remove(watch);
            return true;
        }
        // kept while it runs here: a start the store refuses makes it a job driven elsewhere again
        return phase == ActiveJob.Phase.RUNNING || phase != ActiveJob.Phase.ELSEWHERE && polls % WAITING_POLL_EVERY != 0;
    }

    /** Concludes a job seen ended twice in a row, or takes back one of this hub's found queued twice; says whether the watch is done. */
    private boolean settled(Watch watch, JobRecord record) {
        if (record.state().isFinal()) {
            if (++watch.endedPolls < 2) {
                return false;
            }
            if (!watch.heard && record.outputTail().size() > 0) {
                JobMessage.Output tail = new JobMessage.Output(record.id(), record.attempt(), OutputChannel.STDOUT,
                        record.outputTail());
                watch.home.ifPresentOrElse(job -> job.output(tail), () -> watch.follower.output(tail));
            }
            end(watch, WireJobs.result(record));
            return true;
        }
        watch.endedPolls = 0;
        if (record.state() == JobState.QUEUED && watch.home.isPresent() && watch.home.get().phase() == ActiveJob.Phase.ELSEWHERE) {
            if (++watch.queuedPolls >= 2 && watch.home.get().cameBack(record)) {
                dispatcher.requeued(watch.home.get());
                watch.source = null;
                watch.asked = null;
                watch.queuedPolls = 0;
            }
            return false;
        }
        watch.queuedPolls = 0;
        return false;
    }

    /** A follower's job now driven here (this hub took its node): the follower follows it here; says whether it did. */
    private boolean followedHere(Watch watch, JobRecord record) {
        if (watch.home.isPresent()) {
            return false;
        }
        Optional<ActiveJob> here = dispatcher.find(record.id()).filter(job -> job.phase() == ActiveJob.Phase.RUNNING);
        here.ifPresent(job -> job.follow(watch.follower));
        return here.isPresent();
    }

    /**
     * Asks the hub that holds a running job's node for its progress when nothing came from it: only once it was seen
     * holding the node at two polls in a row, so that a letter on its way is not doubled.
     */
    private void askIfSilent(long number, Watch watch, JobRecord record, HubPost post) {
        if (record.state() != JobState.RUNNING || record.node().isEmpty()) {
            return;
        }
        Optional<HubId> holder = holders.apply(record.node().get());
        if (holder.isEmpty() || holder.get().equals(self) || holder.get().equals(watch.source) || holder.get().equals(watch.asked)) {
            watch.seenHolder = holder.orElse(null);
            return;
        }
        if (holder.get().equals(watch.seenHolder)) {
            watch.asked = holder.get();
            post.post(holder.get(), HubLetter.of(HubLetter.FOLLOW, self, number, watch.job));
        }
        watch.seenHolder = holder.get();
    }
}
