package io.resourcepool.api.spi.store;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the store keeps it.
 *
 * @param id its identity
 * @param spec what to run
 * @param owner the user who submitted it
 * @param state where it is in its life
 * @param attempt which attempt is current, from 1; a retry increments it, and only the current attempt may
 *     move the job
 * @param node where the current attempt runs or ran, if placed
 * @param submittedAt when it was accepted
 * @param startedAt when the current attempt started, if it has
 * @param finishedAt when it reached its final state, if it has
 * @param exitCode the command's exit code, if it exited
 * @param outputTail the last bytes of its output, capped by the store
 * @param reason why it ended as it did (a timeout, a lost node, a limit), empty when nothing to say
 */
public record JobRecord(
        JobId id,
        JobSpec spec,
        String owner,
        JobState state,
        int attempt,
        Optional<NodeId> node,
        Instant submittedAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Integer> exitCode,
        Bytes outputTail,
        String reason) {

    /** The most output a store keeps per job. */
    public static final int MAX_OUTPUT_TAIL_BYTES = 64 * 1024;

    /** Checks the fields. */
    public JobRecord {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(spec, "spec must be given");
        Objects.requireNonNull(owner, "owner must be given");
        Objects.requireNonNull(state, "state must be given");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        Objects.requireNonNull(node, "node must be given (empty when not placed)");
        Objects.requireNonNull(submittedAt, "submittedAt must be given");
        Objects.requireNonNull(startedAt, "startedAt must be given (empty when not started)");
        Objects.requireNonNull(finishedAt, "finishedAt must be given (empty when not finished)");
        Objects.requireNonNull(exitCode, "exitCode must be given (empty when none)");
        Objects.requireNonNull(outputTail, "outputTail must be given");
        if (outputTail.size() > MAX_OUTPUT_TAIL_BYTES) {
            throw new IllegalArgumentException("outputTail is " + outputTail.size() + " bytes; at most " + MAX_OUTPUT_TAIL_BYTES + " are kept");
        }
        Objects.requireNonNull(reason, "reason must be given (empty when none)");
    }

    /**
     * A job just accepted: QUEUED, attempt 1, not placed.
     *
     * @param id its identity
     * @param spec what to run
     * @param owner who submitted it
     * @param submittedAt now
     * @return the record
     */
    public static JobRecord queued(JobId id, JobSpec spec, String owner, Instant submittedAt) {
        return new JobRecord(id, spec, owner, JobState.QUEUED, 1, Optional.empty(), submittedAt,
                Optional.empty(), Optional.empty(), Optional.empty(), Bytes.EMPTY, "");
    }

    /**
     * The GPU time of its current attempt: the GPUs it claimed times the seconds from its start to its end. Derived
     * from the stored spec and times rather than stored apart, so it cannot disagree with them; 0 for a job that
     * claims no GPU or has not ended.
     *
     * @return GPU-seconds, to the millisecond
     */
    public double gpuSeconds() {
        if (spec.resources().gpus() == 0 || startedAt.isEmpty() || finishedAt.isEmpty()) {
            return 0.0;
        }
        long millis = Math.max(0, java.time.Duration.between(startedAt.get(), finishedAt.get()).toMillis());
        return spec.resources().gpus() * millis / 1000.0;
    }
}
