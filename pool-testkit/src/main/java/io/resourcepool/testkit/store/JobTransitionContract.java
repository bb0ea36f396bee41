package io.resourcepool.testkit.store;

import java.util.List;
import java.util.Set;
import static io.resourcepool.testkit.store.StoreSamples.T0;
import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.job;
import static io.resourcepool.testkit.store.StoreSamples.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The job state machine: each move happens once, only from the states {@link JobState#canMoveTo} allows and
 * only for the current attempt, so a stale or second writer is told {@code false} and changes nothing.
 */
public abstract class JobTransitionContract extends StoreFixture {
    private static final NodeId NODE = NodeId.of("worker-1");

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected JobTransitionContract(StoreUnderTest subject) {
        super(subject);
    }

    private JobStore jobs() {
        return store().jobs();
    }

    private JobRecord created(String owner, long submittedMillis) {
        JobRecord job = job(owner, at(submittedMillis));
        jobs().create(job);
        return job;
    }

    @Test
    void queuedJobStartsOnANodeOnce() {
        JobRecord job = created("alice", 1);

        assertThat(jobs().markRunning(job.id(), 1, NODE, at(10))).isTrue();
        assertThat(jobs().markRunning(job.id(), 1, NodeId.of("worker-2"), at(11))).isFalse();

        JobRecord running = jobs().find(job.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.node()).contains(NODE);
        assertThat(running.startedAt()).contains(at(10));
    }

    @Test
    void batchedStartsMoveOnlyQueuedJobsAtTheirAttempt() {
        JobRecord first = created("alice", 1);
        JobRecord second = created("alice", 2);
        JobRecord staleAttempt = created("alice", 3);
        JobRecord alreadyRunning = created("alice", 4);
        jobs().markRunning(alreadyRunning.id(), 1, NODE, at(5));

        Set<JobId> moved = jobs().markRunningAll(List.of(
                new JobStore.JobStart(first.id(), 1, NODE, at(10)),
                new JobStore.JobStart(second.id(), 1, NodeId.of("worker-2"), at(11)),
                new JobStore.JobStart(staleAttempt.id(), 2, NODE, at(12)),
                new JobStore.JobStart(alreadyRunning.id(), 1, NodeId.of("worker-2"), at(13))));

        assertThat(moved).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(jobs().find(second.id()).orElseThrow().node()).contains(NodeId.of("worker-2"));
        assertThat(jobs().find(staleAttempt.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(jobs().find(alreadyRunning.id()).orElseThrow().node()).contains(NODE);
        assertThat(jobs().markRunningAll(List.of(new JobStore.JobStart(first.id(), 1, NODE, at(20))))).isEmpty();
    }

    @Test
    void moveNamingAnotherAttemptIsRefused() {
        JobRecord job = created("alice", 1);

        assertThat(jobs().markRunning(job.id(), 2, NODE, at(10))).isFalse();
        assertThat(jobs().finish(job.id(), outcome(2, JobState.CANCELLED, Optional.empty(), at(10)))).isFalse();

        assertThat(jobs().find(job.id())).contains(job);
    }

    @Test
    void runningJobFinishesWithItsOutcome() {
        JobRecord job = created("alice", 1);
        jobs().markRunning(job.id(), 1, NODE, at(10));
        JobOutcome outcome = new JobOutcome(1, JobState.FAILED, Optional.of(-3), Bytes.utf8("boom\n"), "exit code -3", at(20));

        assertThat(jobs().finish(job.id(), outcome)).isTrue();

        JobRecord done = jobs().find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.exitCode()).contains(-3);
        assertThat(done.outputTail()).isEqualTo(Bytes.utf8("boom\n"));
        assertThat(done.reason()).isEqualTo("exit code -3");
        assertThat(done.finishedAt()).contains(at(20));
        assertThat(done.startedAt()).contains(at(10));
        assertThat(done.node()).contains(NODE);
    }

    @Test
    void secondFinishIsRefusedAndTheFirstOutcomeKept() {
        JobRecord job = created("alice", 1);
        jobs().markRunning(job.id(), 1, NODE, at(10));
        jobs().finish(job.id(), outcome(1, JobState.SUCCEEDED, Optional.of(0), at(20)));

        boolean again = jobs().finish(job.id(), outcome(1, JobState.FAILED, Optional.of(1), at(30)));

        assertThat(again).isFalse();
        JobRecord done = jobs().find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.exitCode()).contains(0);
        assertThat(done.finishedAt()).contains(at(20));
    }

    @Test
    void finishedJobCannotBeStartedOrRequeued() {
        JobRecord job = created("alice", 1);
        jobs().finish(job.id(), outcome(1, JobState.CANCELLED, Optional.empty(), at(5)));

        assertThat(jobs().markRunning(job.id(), 1, NODE, at(10))).isFalse();
        assertThat(jobs().requeue(job.id(), 1, "again", at(20))).isFalse();
        assertThat(jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void queuedJobMayBeCancelledButNotSucceed() {
        JobRecord job = created("alice", 1);

        assertThat(jobs().finish(job.id(), outcome(1, JobState.SUCCEEDED, Optional.of(0), at(5)))).isFalse();
        assertThat(jobs().finish(job.id(), outcome(1, JobState.TIMED_OUT, Optional.empty(), at(5)))).isFalse();
        assertThat(jobs().finish(job.id(), outcome(1, JobState.CANCELLED, Optional.empty(), at(5)))).isTrue();
    }

    @Test
    void requeueStartsTheNextAttemptAndFencesTheOldOne() {
        JobRecord job = created("alice", 1);
        jobs().markRunning(job.id(), 1, NODE, at(10));

        assertThat(jobs().requeue(job.id(), 1, "node lost", at(20))).isTrue();

        JobRecord again = jobs().find(job.id()).orElseThrow();
        assertThat(again.state()).isEqualTo(JobState.QUEUED);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.node()).isEmpty();
        assertThat(again.startedAt()).isEmpty();
        assertThat(again.reason()).isEqualTo("node lost");
        assertThat(jobs().finish(job.id(), outcome(1, JobState.SUCCEEDED, Optional.of(0), at(20)))).isFalse();
        assertThat(jobs().markRunning(job.id(), 2, NODE, at(30))).isTrue();
        assertThat(jobs().finish(job.id(), outcome(2, JobState.SUCCEEDED, Optional.of(0), at(40)))).isTrue();
    }

    @Test
    void onlyARunningJobIsRequeued() {
        JobRecord job = created("alice", 1);

        assertThat(jobs().requeue(job.id(), 1, "why", at(20))).isFalse();
        assertThat(jobs().find(job.id()).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void batchFinishMovesOnlyTheJobsThatMayMove() {
        JobRecord running = created("alice", 1);
        JobRecord done = created("alice", 2);
        JobRecord queued = created("alice", 3);
        jobs().markRunning(running.id(), 1, NODE, at(10));
        jobs().finish(done.id(), outcome(1, JobState.CANCELLED, Optional.empty(), at(11)));
        JobId unknown = JobId.random();

        var moved = jobs().finishAll(Map.of(
                running.id(), outcome(1, JobState.SUCCEEDED, Optional.of(0), at(20)),
                done.id(), outcome(1, JobState.FAILED, Optional.of(1), at(20)),
                queued.id(), outcome(1, JobState.SUCCEEDED, Optional.of(0), at(20)),
                unknown, outcome(1, JobState.LOST, Optional.empty(), at(20))));

        assertThat(moved).containsExactly(running.id());
        assertThat(jobs().find(running.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs().find(done.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs().find(queued.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void fullOutputTailOfEveryByteValueIsKeptExactly() {
        byte[] output = new byte[JobRecord.MAX_OUTPUT_TAIL_BYTES];
        for (int i = 0; i < output.length; i++) {
            output[i] = (byte) (i * 31);
        }
        JobRecord job = created("alice", 1);

        jobs().finish(job.id(), new JobOutcome(1, JobState.FAILED, Optional.empty(), Bytes.copyOf(output), "", at(3)));

        assertThat(jobs().find(job.id()).orElseThrow().outputTail()).isEqualTo(Bytes.copyOf(output));
    }

    @Test
    void unknownJobIsNotFoundAndCannotMove() {
        JobId unknown = JobId.random();

        assertThat(jobs().find(unknown)).isEmpty();
        assertThat(jobs().markRunning(unknown, 1, NODE, T0)).isFalse();
        assertThat(jobs().finish(unknown, outcome(1, JobState.LOST, Optional.empty(), T0))).isFalse();
        assertThat(jobs().requeue(unknown, 1, "", at(20))).isFalse();
    }
}
