package io.resourcepool.api.spi.store;

import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * Which jobs to list, newest first. Empty filters match everything.
 *
 * @param state only jobs in this state
 * @param node only jobs placed on this node
 * @param owner only jobs of this user
 * @param limit at most this many, 1 to 10,000
 */
public record JobQuery(Optional<JobState> state, Optional<NodeId> node, Optional<String> owner, int limit) {
    /** The most one query returns. */
    public static final int MAX_LIMIT = 10_000;

    /** Checks the fields. */
    public JobQuery {
        Objects.requireNonNull(state, "state must be given (empty for any)");
        Objects.requireNonNull(node, "node must be given (empty for any)");
        Objects.requireNonNull(owner, "owner must be given (empty for any)");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /**
     * Every job, up to a limit.
     *
     * @param limit at most this many
     * @return the query
     */
    public static JobQuery all(int limit) {
        return new JobQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    /**
     * Jobs in one state.
     *
     * @param state the state
     * @param limit at most this many
     * @return the query
     */
    public static JobQuery inState(JobState state, int limit) {
        return new JobQuery(Optional.of(state), Optional.empty(), Optional.empty(), limit);
    }
}
