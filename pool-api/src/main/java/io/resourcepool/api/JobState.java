package io.resourcepool.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a job is in its life: QUEUED, then RUNNING, then one final state. A final state never changes. A
 * running job whose attempt failed may go back to QUEUED when its spec asks for retries.
 */
public enum JobState {
    /** Accepted and durable, waiting for a node. */
    QUEUED,
    /** Started on a node. */
    RUNNING,
    /** Exited with code 0. */
    SUCCEEDED,
    /** Exited with a non-zero code, or could not start, or broke a limit. */
    FAILED,
    /** Killed for running past its timeout. */
    TIMED_OUT,
    /** Cancelled by its owner or an admin. */
    CANCELLED,
    /** Its node disappeared while it ran, and no retry was left. */
    LOST;

    /**
     * Says whether the job has finished for good.
     *
     * @return true for the final states
     */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    /**
     * The states this one may move to.
     *
     * @return an empty set for final states
     */
    public Set<JobState> successors() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, FAILED, CANCELLED, LOST);
            case RUNNING -> EnumSet.of(QUEUED, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, LOST);
            case SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, LOST -> EnumSet.noneOf(JobState.class);
        };
    }

    /**
     * Says whether a move to {@code next} is allowed.
     *
     * @param next the state wanted
     * @return true when the transition is allowed
     */
    public boolean canMoveTo(JobState next) {
        return successors().contains(next);
    }
}
