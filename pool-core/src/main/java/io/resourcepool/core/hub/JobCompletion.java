package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.core.protocol.JobMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
        finish(job, state, exitCode, result).thenRunAsync(() -> {
            from.release(job.id());
            acknowledge(from, result);
            dispatcher.placeWaiting();
        }, AFTER_STORED);
    }

    /** How many job ends wait to be written again because the store could not take them. */
    int unrecordedCount() {
        return unrecorded.get();
    }

    /** Ends a running job as LOST, with the reason; nothing happens when it has ended already. */
    CompletableFuture<Void> lost(ActiveJob job, String reason) {
        return finish(job, JobState.LOST, Optional.empty(),
                new JobMessage.Result(job.id().toString(), job.attempt(), JobState.LOST.name(), false, 0, false, reason));
    }

    /** Ends a job that never reached a node (cancelled while waiting). */
    CompletableFuture<Void> cancelWaiting(ActiveJob job, String by) {
        if (!job.moveTo(ActiveJob.Phase.WAITING, ActiveJob.Phase.DONE)) {
            return CompletableFuture.completedFuture(null);
        }
        String reason = "cancelled by " + by + " before it started";
        JobMessage.Result result = new JobMessage.Result(job.id().toString(), job.attempt(), JobState.CANCELLED.name(), false, 0, false, reason);
        return conclude(job, JobState.CANCELLED, Optional.empty(), result);
    }

    private static void acknowledge(LiveNode worker, JobMessage.Result result) {
        try {
            worker.send(new JobMessage.ResultAck(result.jobId(), result.attempt()));
        } catch (io.resourcepool.api.TransportException e) {
            // the worker went away; it reports the task again when it returns, and is told the hub has it
        }
    }

    private CompletableFuture<Void> finish(ActiveJob job, JobState state, Optional<Integer> exitCode, JobMessage.Result result) {
        if (!job.moveTo(ActiveJob.Phase.RUNNING, ActiveJob.Phase.DONE)) {
            return job.phase() == ActiveJob.Phase.DONE ? job.endStored() : CompletableFuture.completedFuture(null);
        }
        return conclude(job, state, exitCode, result);
    }

    /**
     * Writes the job's end, and only then forgets it and tells its watcher: until the store has the end, the
     * hub still answers for the job, so nobody reads it as RUNNING after it ended.
     */
    private CompletableFuture<Void> conclude(ActiveJob job, JobState state, Optional<Integer> exitCode, JobMessage.Result result) {
        Instant endedAt = clock.instant();
        JobOutcome outcome = new JobOutcome(job.attempt(), state, exitCode, job.tail().last(), result.reason(), endedAt);
        AuditEvent finished = new AuditEvent(endedAt, job.owner(), "job.finished", job.id().toString(), "",
                state + exitCode.map(c -> " exit " + c).orElse("") + job.node().map(n -> " on " + n).orElse("")
                        + job.startedAt().map(ran -> "; " + job.digests().summary()).orElse(""));
        new EndWriter(journal, unrecorded, job, outcome, finished).write().thenRun(() -> {
            Duration ran = job.startedAt().map(started -> Duration.between(started, endedAt)).orElse(Duration.ZERO);
            observer.jobFinished(state, ran);
            gpuTimeUsed(observer, job, ran);
            dispatcher.retire(job);
            job.concluded(result);
            job.endStored().complete(null);
        });
        return job.endStored();
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
