package io.resourcepool.api.spi.store;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import java.util.Objects;

/**
 * What must still be true for a {@link JournalGroup} to be written, checked by the store in the transaction that
 * writes it ({@link Store#record}): when one does not hold, nothing of the group is written. A hub writes under a
 * condition the changes it makes on a belief that another hub sharing the store may have made false a moment before:
 * giving up a node's jobs (it must still hold the node, and the job still run there), ending a job it holds waiting (the
 * job must not have started).
 */
public sealed interface JournalCondition {

    /**
     * The hub still holds the node's lease under the token: a give-up of the node's jobs (requeued, or LOST) is made
     * while no other hub can drive them. A store without {@link Store#coordination()} has one hub, which holds every
     * node: there the condition always holds.
     *
     * @param node the node whose jobs the group gives up
     * @param hub the hub writing
     * @param token the token it holds the node's lease under
     */
    record LeaseHeld(NodeId node, HubId hub, FencingToken token) implements JournalCondition {
        /** Checks the fields. */
        public LeaseHeld {
            Objects.requireNonNull(node, "node must be given");
            Objects.requireNonNull(hub, "hub must be given");
            Objects.requireNonNull(token, "token must be given");
        }
    }

    /**
     * The job is still in the state at the attempt: QUEUED for the end of a job held waiting (cancelled), so that it
     * never overwrites a start another hub stored first; RUNNING for a give-up, so that the group is written whole or
     * not at all.
     *
     * @param job the job
     * @param attempt the attempt it is in
     * @param state the state it must still be in, QUEUED or RUNNING
     */
    record StillIn(JobId job, int attempt, JobState state) implements JournalCondition {
        /** Checks the fields. */
        public StillIn {
            Objects.requireNonNull(job, "job must be given");
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
            }
            if (Objects.requireNonNull(state, "state must be given").isFinal()) {
                throw new IllegalArgumentException("a job that ended stays so: state must be QUEUED or RUNNING, was " + state);
            }
        }
    }
}
