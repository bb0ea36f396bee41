package io.resourcepool.core.client;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * How a command run through the pool ended.
 *
 * @param job the job's id
 * @param node where it ran, if it was placed
 * @param state its final state
 * @param exitCode its exit code, if it exited
 * @param stdout its standard output (what the job's output cap let through)
 * @param stderr its standard error (likewise)
 * @param outputTruncated whether output was cut at the cap
 * @param reason why it ended so, empty when it simply exited
 */
public record RunResult(JobId job, Optional<NodeId> node, JobState state, Optional<Integer> exitCode, Bytes stdout, Bytes stderr,
        boolean outputTruncated, String reason) {
    /** Checks the fields. */
    public RunResult {
        Objects.requireNonNull(job, "job must be given");
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(state, "state must be given");
        Objects.requireNonNull(exitCode, "exitCode must be given");
        Objects.requireNonNull(stdout, "stdout must be given");
        Objects.requireNonNull(stderr, "stderr must be given");
        Objects.requireNonNull(reason, "reason must be given");
    }

    /**
     * The exit code a shell would report: the command's own, or 1 when it did not exit by itself.
     *
     * @return the code
     */
    public int shellExitCode() {
        return exitCode.orElse(state == JobState.TIMED_OUT ? 124 : 1);
    }
}
