package io.resourcepool.api.spi.store;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs and their state machine. Every move is guarded: it happens only when the job is in a state that
 * {@link io.resourcepool.api.JobState#canMoveTo} allows and its current attempt is the one named, so a stale
 * writer (an old attempt, a second "finish") changes nothing and is told so by a {@code false}.
 */
public interface JobStore {

    /**
     * Stores a new job. After this returns the job is durable.
     *
     * @param job the job, in state QUEUED
     * @throws io.resourcepool.api.StoreException when a job with that id exists
     */
    void create(JobRecord job);

    /**
     * Stores several new jobs in one transaction.
     *
     * @param jobs the jobs, each QUEUED
     */
    void createAll(List<JobRecord> jobs);

    /**
     * Finds a job.
     *
     * @param id its identity
     * @return the job, if known
     */
    Optional<JobRecord> find(JobId id);

    /**
     * Lists jobs, newest first.
     *
     * @param query the filters
     * @return the jobs
     */
    List<JobRecord> list(JobQuery query);

    /**
     * Every job that has not ended (QUEUED or RUNNING), oldest first, however many there are: what a hub that
     * starts again must pick up.
     *
     * @return the jobs
     */
    List<JobRecord> unfinished();

    /**
     * QUEUED → RUNNING on a node, for the given attempt.
     *
     * @param id the job
     * @param attempt the attempt expected to be current
     * @param node where it starts
     * @param at when
     * @return false when the job was not QUEUED at that attempt
     */
    boolean markRunning(JobId id, int attempt, NodeId node, Instant at);

    /**
     * Starts several jobs, each guarded as {@link #markRunning} is, in one transaction where the store has
     * them. The default starts them one by one; stores override it to batch.
     *
     * @param starts the node and time of each job's start, for the attempt given
     * @return the jobs that moved
     */
    default Set<JobId> markRunningAll(List<JobStart> starts) {
        Set<JobId> moved = new java.util.HashSet<>();
        for (JobStart start : starts) {
            if (markRunning(start.id(), start.attempt(), start.node(), start.at())) {
                moved.add(start.id());
            }
        }
        return moved;
    }

    /**
     * QUEUED or RUNNING → a final state, for the attempt named in the outcome.
     *
     * @param id the job
     * @param outcome how it ended
     * @return false when the job had already finished, or its current attempt is another
     */
    boolean finish(JobId id, JobOutcome outcome);

    /**
     * Finishes several jobs in one transaction, each guarded as {@link #finish} is.
     *
     * @param outcomes the outcome of each job
     * @return the jobs that moved
     */
    Set<JobId> finishAll(Map<JobId, JobOutcome> outcomes);

    /**
     * RUNNING → QUEUED for another attempt: the attempt number goes up by one, the node and start are cleared, and
     * the GPU time of the attempt that ends (its GPUs times the time from its start to {@code at}) is added to the
     * job's {@link JobRecord#earlierGpuTime()}.
     *
     * @param id the job
     * @param attempt the attempt that is ending
     * @param reason why it is retried
     * @param at when the attempt was given up
     * @return false when the job was not RUNNING at that attempt
     */
    boolean requeue(JobId id, int attempt, String reason, Instant at);

    /**
     * The GPU time of each user's jobs that the store still holds: every attempt's, the current one's counted once
     * it has ended (see {@link JobRecord#gpuSeconds()}). Users none of whose kept jobs used a GPU are not listed.
     *
     * @return GPU time by owner
     */
    Map<String, Duration> gpuTimeByOwner();

    /**
     * Deletes up to {@code maxRows} jobs that ended (in a final state) before the given time, in any order, with
     * their output, in one short transaction. Jobs that are QUEUED or RUNNING are never deleted, whatever their age.
     * Retention calls this again until fewer than {@code maxRows} come back, so no transaction holds the store long.
     *
     * @param finishedBefore jobs that finished at or after this are kept
     * @param maxRows the most jobs to delete in this call, at least 1
     * @return how many were deleted
     */
    int pruneFinished(Instant finishedBefore, int maxRows);

    /**
     * One start, for {@link #markRunningAll}.
     *
     * @param id the job
     * @param attempt the attempt expected to be current
     * @param node where it starts
     * @param at when
     */
    record JobStart(JobId id, int attempt, NodeId node, Instant at) {}

    /**
     * One requeue, for {@link Store#record}: as {@link #requeue} does.
     *
     * @param id the job
     * @param attempt the attempt that is ending
     * @param reason why it is retried
     * @param at when the attempt was given up
     */
    record JobRequeue(JobId id, int attempt, String reason, Instant at) {
        /** Checks the fields. */
        public JobRequeue {
            java.util.Objects.requireNonNull(id, "id must be given");
            java.util.Objects.requireNonNull(reason, "reason must be given");
            java.util.Objects.requireNonNull(at, "at must be given");
        }
    }
}
