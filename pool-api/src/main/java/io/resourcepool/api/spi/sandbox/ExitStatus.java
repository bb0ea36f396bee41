package io.resourcepool.api.spi.sandbox;

import java.util.Objects;

/**
 * How a command ended.
 *
 * @param termination why it ended
 * @param exitCode its exit code; for a process killed by a signal, 128 + the signal number
 * @param outputTruncated whether output past the cap was dropped
 * @param reason words for people, empty when it simply exited
 */
public record ExitStatus(Termination termination, int exitCode, boolean outputTruncated, String reason) {
    /** Checks the fields. */
    public ExitStatus {
        Objects.requireNonNull(termination, "termination must be given");
        Objects.requireNonNull(reason, "reason must be given (empty when none)");
    }
}
