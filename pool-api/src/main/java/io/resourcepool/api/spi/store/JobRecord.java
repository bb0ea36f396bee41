package io.resourcepool.api.spi.store;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import java.time.Duration;
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
 * @param earlierGpuTime the GPU time of its earlier attempts (GPUs claimed times the time each ran until it was
 *     given up), zero for a job in its first attempt or claiming no GPU
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
        String reason,
        Duration earlierGpuTime) {

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
        Objects.requireNonNull(earlierGpuTime, "earlierGpuTime must be given (zero when none)");
        if (earlierGpuTime.isNegative()) {
            throw new IllegalArgumentException("earlierGpuTime must not be negative, was " + earlierGpuTime);
        }
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
                Optional.empty(), Optional.empty(), Optional.empty(), Bytes.EMPTY, "", Duration.ZERO);
    }

    /**
     * The GPU time of all its attempts: that of the earlier ones, given up (a lost worker, a retry), plus the GPUs
     * it claims times the seconds from the current attempt's start to its end. The current attempt's share is
     * derived from the stored spec and times rather than stored apart, so it cannot disagree with them; it is 0
     * until the attempt has ended.
     *
     * @return GPU-seconds, to the millisecond
     */
    public double gpuSeconds() {
        double earlier = earlierGpuTime.toMillis() / 1000.0;
        if (spec.resources().gpus() == 0 || startedAt.isEmpty() || finishedAt.isEmpty()) {
            return earlier;
        }
        long millis = Math.max(0, Duration.between(startedAt.get(), finishedAt.get()).toMillis());
        return earlier + spec.resources().gpus() * millis / 1000.0;
    }

    /**
     * The GPU time of an attempt given up at a time: its GPUs times how long it had run, zero when it had not started.
     *
     * @param givenUpAt when the attempt was given up
     * @return the GPU time to add to {@link #earlierGpuTime}
     */
    public Duration currentAttemptGpuTime(Instant givenUpAt) {
        Objects.requireNonNull(givenUpAt, "givenUpAt must be given");
        if (spec.resources().gpus() == 0 || startedAt.isEmpty() || !givenUpAt.isAfter(startedAt.get())) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt.get(), givenUpAt).multipliedBy(spec.resources().gpus());
    }
}
