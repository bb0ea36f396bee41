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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a job once it runs: its output is forwarded and its tail kept, and its result recorded (only
 * from the worker running it, for the current attempt). {@link WorkerLoss} decides what becomes of the jobs of
 * a worker that went away.
 */
final class JobCompletion {
    private static final Logger log = LoggerFactory.getLogger(JobCompletion.class);
    /** What follows a durable result (placing waiting jobs, the worker's acknowledgement) runs off the journal's thread. */
    private static final Executor AFTER_WRITE = task -> Thread.ofVirtual().name("hub-result").start(task);
    private final JobJournal journal;
    private final JobDispatcher dispatcher;
    private final InstantSource clock;
    private final HubObserver observer;
    /** Results from workers that the store could not take, by job, with the worker that sent them. */
    private final Map<JobId, Unrecorded> unrecorded = new ConcurrentHashMap<>();

    private record Unrecorded(LiveNode from, JobMessage.Result result) {}

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

    /**
     * A result from a worker: recorded once, then forwarded, and acknowledged to the worker once durable (until
     * then the worker keeps it, and reports it again after a broken connection). A stale or foreign result is
     * refused. A result the store could not take (a full disk, a database away) leaves the job running on its
     * node, unacknowledged and untold, and is written again by {@link #retryUnrecorded}.
     */
    void result(LiveNode from, JobMessage.Result result) {
        ActiveJob job = ownedBy(from, parse(result.jobId()), result.attempt());
        JobState state = finalState(result.state());
        Optional<Integer> exitCode = result.exited() ? Optional.of(result.exitCode()) : Optional.empty();
        if (!job.moveTo(ActiveJob.Phase.RUNNING, ActiveJob.Phase.DONE)) {
            return;
        }
        record(job, state, exitCode, result.reason()).whenCompleteAsync((done, failure) -> {
            if (failure != null) {
                job.moveTo(ActiveJob.Phase.DONE, ActiveJob.Phase.RUNNING);
                unrecorded.put(job.id(), new Unrecorded(from, result));
                return;
            }
            from.release(job.id());
            ended(job, state, result);
            acknowledge(from, result);
            dispatcher.placeWaiting();
        }, AFTER_WRITE);
    }

    /**
     * Writes again the results the store could not take; one whose job has since ended or left its worker (which
     * then reports it again when it registers) is dropped.
     */
    void retryUnrecorded() {
        for (Unrecorded pending : List.copyOf(unrecorded.values())) {
            if (unrecorded.remove(parse(pending.result().jobId()), pending)) {
                try {
                    result(pending.from(), pending.result());
                } catch (ProtocolException e) {
                    log.debug("dropping the unrecorded result of job {}: {}", pending.result().jobId(), e.getMessage());
                }
            }
        }
    }

    /** How many results wait to be written again. */
    int unrecordedCount() {
        return unrecorded.size();
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
            return CompletableFuture.completedFuture(null);
        }
        return conclude(job, state, exitCode, result);
    }

    /**
     * Writes the job's end, and only then forgets it and tells its watcher: until the store has the end, the
     * hub still answers for the job, so nobody reads it as RUNNING after it ended.
     */
    private CompletableFuture<Void> conclude(ActiveJob job, JobState state, Optional<Integer> exitCode, JobMessage.Result result) {
        return record(job, state, exitCode, result.reason()).handle((done, failure) -> {
            if (failure == null) {
                ended(job, state, result);
            } else {
                dispatcher.retire(job);
                job.concluded(result);
            }
            return null;
        });
    }

    /** The job's end is durable: it is counted and forgotten, and its watcher and followers hear it. */
    private void ended(ActiveJob job, JobState state, JobMessage.Result result) {
        Instant endedAt = clock.instant();
        observer.jobFinished(state, job.startedAt().map(started -> Duration.between(started, endedAt)).orElse(Duration.ZERO));
        dispatcher.retire(job);
        job.concluded(result);
    }

    /** Writes the job's end; the client hears of it once it is durable (or the write failed, which is logged). */
    private CompletableFuture<Void> record(ActiveJob job, JobState state, Optional<Integer> exitCode, String reason) {
        return journal.finish(job.id(), new JobOutcome(job.attempt(), state, exitCode, job.tail().last(), reason, clock.instant()),
                new AuditEvent(clock.instant(), job.owner(), "job.finished", job.id().toString(), "",
                        state + exitCode.map(c -> " exit " + c).orElse("") + job.node().map(n -> " on " + n).orElse("")));
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
}
