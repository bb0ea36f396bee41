package io.resourcepool.api.spi.store;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an attempt of a job ended.
 *
 * @param attempt the attempt this outcome belongs to; an outcome for any other attempt is refused
 * @param state the final state, one for which {@link JobState#isFinal()} holds
 * @param exitCode the exit code, if the command exited
 * @param outputTail the last bytes of output (the store keeps at most
 *     {@link JobRecord#MAX_OUTPUT_TAIL_BYTES})
 * @param reason why, empty when nothing to say
 * @param at when it ended
 */
public record JobOutcome(int attempt, JobState state, Optional<Integer> exitCode, Bytes outputTail, String reason, Instant at) {
    /** Checks the fields and trims the output to what is kept. */
    public JobOutcome {
        Objects.requireNonNull(state, "state must be given");
        if (!state.isFinal()) {
            throw new IllegalArgumentException("an outcome needs a final state, not " + state);
        }
        Objects.requireNonNull(exitCode, "exitCode must be given (empty when none)");
        outputTail = Objects.requireNonNull(outputTail, "outputTail must be given").tail(JobRecord.MAX_OUTPUT_TAIL_BYTES);
        Objects.requireNonNull(reason, "reason must be given (empty when none)");
        Objects.requireNonNull(at, "at must be given");
    }
}
