package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.core.protocol.JobMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happens to a job once it runs: its output is forwarded and its tail kept, and its result recorded (only
 * from the worker running it, for the current attempt). {@link WorkerLoss} decides what becomes of the jobs of
 * a worker that went away.
 */
final class JobCompletion {
    /** What follows a stored end (freeing the node, acknowledging the worker) runs off the journal's thread. */
    private static final Executor AFTER_STORED = task -> Thread.ofVirtual().name("hub-result-stored").start(task);
    private final JobJournal journal;
    private final JobDispatcher dispatcher;
    private final InstantSource clock;
    private final HubObserver observer;
    /** Job ends the store could not take at first, which {@link EndWriter} is writing again. */
    private final AtomicInteger unrecorded = new AtomicInteger();

    JobCompletion(JobJournal journal, JobDispatcher dispatcher, InstantSource clock, HubObserver observer) {
        this.journal = journal;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.observer = observer;
    }

    /** Output from a worker: forwarded only when that worker runs that attempt of the job. */
    void output(LiveNode from, JobMessage.Output chunk) {
        ActiveJob job = ownedBy(from, chunk.jobId(), chunk.attempt());
        job.output(chunk);
    }

    /** The worker's copy of an attempt's output, on a new connection: it restores what the hub missed. */
    void outputCopy(LiveNode from, JobMessage.OutputCopy copy) {
        ActiveJob job = ownedBy(from, parse(copy.jobId()), copy.attempt());
        job.restore(copy);
    }

    /**
     * A result from a worker: recorded once, then forwarded, and acknowledged to the worker once durable. Until
     * then the worker keeps it (and reports it again after a broken connection) and the node keeps the job, so a
     * store that is away loses no result: the hub writes it again until the store takes it. A result sent again
     * meanwhile is acknowledged with the first. A stale or foreign result is refused.
     */
    void result(LiveNode from, JobMessage.Result result) {
        ActiveJob job = ownedBy(from, parse(result.jobId()), result.attempt());
        JobState state = finalState(result.state());
        Optional<Integer> exitCode = result.exited() ? Optional.of(result.exitCode()) : Optional.empty();
        finish(job, state, exitCode, result, List.of()).thenRunAsync(() -> {
            from.release(job.id());
            acknowledge(from, result);
            dispatcher.placeWaiting();
        }, AFTER_STORED);
    }

    /** How many job ends wait to be written again because the store could not take them. */
    int unrecordedCount() {
        return unrecorded.get();
    }

    /**
     * Ends a running job as LOST, with the reason, written only while the conditions hold (the hub's lease on its
     * node); nothing happens when it has ended already. The future fails with {@link WriteRefusedException} when a
     * condition no longer held and nothing was written.
     */
    CompletableFuture<Void> lost(ActiveJob job, String reason, List<JournalCondition> conditions) {
        return finish(job, JobState.LOST, Optional.empty(),
                new JobMessage.Result(job.id().toString(), job.attempt(), JobState.LOST.name(), false, 0, false, reason), conditions);
    }

    /**
     * Ends a job that never reached a node (cancelled while waiting), only while the store still holds it QUEUED in
     * this attempt: a start another hub stored a moment before is never overwritten.
     *
     * @return true once the end is stored; false when the store refused it, as the job started elsewhere first (or was
     *     ended or requeued there), which then drives it; true at once when the job no longer waited here
     */
    CompletableFuture<Boolean> cancelWaiting(ActiveJob job, String by) {
        if (!job.moveTo(ActiveJob.Phase.WAITING, ActiveJob.Phase.DONE)) {
            return CompletableFuture.completedFuture(true);
        }
        String reason = "cancelled by " + by + " before it started";
        JobMessage.Result result = new JobMessage.Result(job.id().toString(), job.attempt(), JobState.CANCELLED.name(), false, 0, false, reason);
        List<JournalCondition> unstarted = List.of(new JournalCondition.StillIn(job.id(), job.attempt(), JobState.QUEUED));
        return conclude(job, JobState.CANCELLED, Optional.empty(), result, unstarted).handle((done, failure) -> {
            if (failure == null) {
                return true;
            }
            if (WriteRefusedException.isCause(failure)) {
                return false;
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        });
    }

    private static void acknowledge(LiveNode worker, JobMessage.Result result) {
        try {
            worker.send(new JobMessage.ResultAck(result.jobId(), result.attempt()));
        } catch (io.resourcepool.api.TransportException e) {
            // the worker went away; it reports the task again when it returns, and is told the hub has it
        }
    }

    private CompletableFuture<Void> finish(ActiveJob job, JobState state, Optional<Integer> exitCode, JobMessage.Result result,
            List<JournalCondition> conditions) {
        if (!job.moveTo(ActiveJob.Phase.RUNNING, ActiveJob.Phase.DONE)) {
            return job.phase() == ActiveJob.Phase.DONE ? job.endStored() : CompletableFuture.completedFuture(null);
        }
        return conclude(job, state, exitCode, result, conditions);
    }

    /**
     * Writes the job's end, and only then forgets it and tells its watcher: until the store has the end, the
     * hub still answers for the job, so nobody reads it as RUNNING after it ended. An end the store refused (a
     * condition no longer held) fails the future, and the job is left as it is for the caller to decide.
     */
    private CompletableFuture<Void> conclude(ActiveJob job, JobState state, Optional<Integer> exitCode, JobMessage.Result result,
            List<JournalCondition> conditions) {
        Instant endedAt = clock.instant();
        JobOutcome outcome = new JobOutcome(job.attempt(), state, exitCode, job.tail().last(), result.reason(), endedAt);
        AuditEvent finished = new AuditEvent(endedAt, job.owner(), "job.finished", job.id().toString(), "",
                state + exitCode.map(c -> " exit " + c).orElse("") + job.node().map(n -> " on " + n).orElse("")
                        + job.startedAt().map(ran -> "; " + job.digests().summary()).orElse(""));
        return new EndWriter(journal, unrecorded, job, outcome, finished, conditions).write().thenRun(() -> {
            Duration ran = job.startedAt().map(started -> Duration.between(started, endedAt)).orElse(Duration.ZERO);
            observer.jobFinished(state, ran);
            gpuTimeUsed(observer, job, ran);
            dispatcher.retire(job);
            job.concluded(result);
            job.endStored().complete(null);
        });
    }

    private ActiveJob ownedBy(LiveNode from, JobId id, int attempt) {
        return dispatcher.find(id)
                .filter(job -> from.runs(id) && job.attempt() == attempt)
                .orElseThrow(() -> new ProtocolException("node " + from.id() + " reported on job " + id + " attempt " + attempt
                        + ", which it does not run"));
    }

    private static JobId parse(String id) {
        try {
            return JobId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad RESULT: " + e.getMessage());
        }
    }

    private static JobState finalState(String name) {
        try {
            JobState state = JobState.valueOf(name);
            if (state.isFinal()) {
                return state;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the refusal below
        }
        throw new ProtocolException("bad RESULT: state must be a final state, was '" + name + "'");
    }

    /** Tells the observer the GPU time of an attempt that ran for a while: its GPUs times how long. */
    static void gpuTimeUsed(HubObserver observer, ActiveJob job, Duration ran) {
        if (job.spec().resources().gpus() > 0 && ran.isPositive()) {
            observer.gpuTimeUsed(job.owner(), job.spec().resources().gpus() * ran.toMillis() / 1000.0);
        }
    }
}
