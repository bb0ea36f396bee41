package io.resourcepool.core.client;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.core.protocol.JobQueryMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the hub's store knows it.
 *
 * @param id its id
 * @param owner who submitted it
 * @param state where it is in its life
 * @param attempt its current attempt, from 1
 * @param node where its current attempt runs or ran, if placed
 * @param submittedAt when the hub accepted it
 * @param startedAt when its current attempt started, if it has
 * @param finishedAt when it ended, if it has
 * @param exitCode the command's exit code, if it exited by itself
 * @param reason why it ended so, empty when nothing to say
 * @param command the program and its arguments (in a listing, the first few, each shortened)
 * @param outputTail the last bytes of its output, stdout and stderr as they came; empty in a listing
 * @param gpus the GPUs it claims
 * @param gpuSeconds the GPU time of its attempts (GPUs times seconds run): the earlier ones given up, and the current
 *     one once it has ended
 */
public record JobInfo(JobId id, String owner, JobState state, int attempt, Optional<NodeId> node, Instant submittedAt,
        Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<Integer> exitCode, String reason, List<String> command,
        Bytes outputTail, int gpus, double gpuSeconds) {
    /** Checks the fields and copies the command. */
    public JobInfo {
        Objects.requireNonNull(id, "id must be given");
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
        Objects.requireNonNull(reason, "reason must be given (empty when none)");
        command = List.copyOf(Objects.requireNonNull(command, "command must be given"));
        Objects.requireNonNull(outputTail, "outputTail must be given");
    }

    static JobInfo of(JobQueryMessage.WireJob j, Bytes outputTail) {
        return new JobInfo(JobId.parse(j.id()), j.owner(), JobState.valueOf(j.state()), j.attempt(),
                j.node().isEmpty() ? Optional.empty() : Optional.of(NodeId.of(j.node())), Instant.ofEpochMilli(j.submittedAt()),
                instant(j.startedAt()), instant(j.finishedAt()), j.exited() ? Optional.of(j.exitCode()) : Optional.empty(), j.reason(),
                j.command(), outputTail, j.gpus(), j.gpuSeconds());
    }

    private static Optional<Instant> instant(long epochMillis) {
        return epochMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(epochMillis));
    }
}
