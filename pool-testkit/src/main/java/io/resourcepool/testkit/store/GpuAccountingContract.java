package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GPU time in the store: a job's figure is the sum of all its attempts (an attempt given up counts until it was),
 * and each user's total sums their kept jobs.
 */
public abstract class GpuAccountingContract extends StoreFixture {
    private static final NodeId NODE = NodeId.of("worker-1");

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected GpuAccountingContract(StoreUnderTest subject) {
        super(subject);
    }

    private JobStore jobs() {
        return store().jobs();
    }

    private JobRecord created(String owner, int gpus) {
        JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("train").withResources(ResourceRequest.NONE.withGpus(gpus)), owner, at(0));
        jobs().create(job);
        return job;
    }

    @Test
    void aRequeuedJobKeepsTheGpuTimeOfItsLostAttemptAndAddsItsNext() {
        JobRecord job = created("alice", 2);
        jobs().markRunning(job.id(), 1, NODE, at(1_000));
        assertThat(jobs().requeue(job.id(), 1, "node lost", at(4_000))).isTrue();

        JobRecord waiting = jobs().find(job.id()).orElseThrow();
        assertThat(waiting.earlierGpuTime()).isEqualTo(Duration.ofSeconds(6));
        assertThat(waiting.gpuSeconds()).isEqualTo(6.0);

        jobs().markRunning(job.id(), 2, NODE, at(10_000));
        jobs().finish(job.id(), outcome(2, JobState.SUCCEEDED, Optional.of(0), at(11_500)));
        assertThat(jobs().find(job.id()).orElseThrow().gpuSeconds()).isEqualTo(6.0 + 3.0);
    }

    @Test
    void anAttemptGivenUpBeforeItStartedAddsNoGpuTime() {
        JobRecord job = created("alice", 1);
        jobs().markRunning(job.id(), 1, NODE, at(5_000));
        jobs().requeue(job.id(), 1, "clock went back", at(4_000));

        assertThat(jobs().find(job.id()).orElseThrow().earlierGpuTime()).isZero();
    }

    @Test
    void eachUsersGpuTimeSumsEveryAttemptOfTheirJobs() {
        JobRecord retried = created("alice", 2);
        jobs().markRunning(retried.id(), 1, NODE, at(0));
        jobs().requeue(retried.id(), 1, "node lost", at(1_000));
        jobs().markRunning(retried.id(), 2, NODE, at(2_000));
        jobs().finish(retried.id(), outcome(2, JobState.SUCCEEDED, Optional.of(0), at(3_000)));
        JobRecord once = created("alice", 1);
        jobs().markRunning(once.id(), 1, NODE, at(0));
        jobs().finish(once.id(), outcome(1, JobState.FAILED, Optional.of(1), at(500)));
        JobRecord stillRunning = created("bob", 4);
        jobs().markRunning(stillRunning.id(), 1, NODE, at(0));
        JobRecord cpuOnly = created("carol", 0);
        jobs().markRunning(cpuOnly.id(), 1, NODE, at(0));
        jobs().finish(cpuOnly.id(), outcome(1, JobState.SUCCEEDED, Optional.of(0), at(9_000)));

        assertThat(jobs().gpuTimeByOwner()).containsOnlyKeys("alice").containsEntry("alice", Duration.ofMillis(2_000 + 2_000 + 500));
    }
}
