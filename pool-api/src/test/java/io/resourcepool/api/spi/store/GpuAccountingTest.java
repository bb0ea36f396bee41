package io.resourcepool.api.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.ResourceRequest;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuAccountingTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void gpuSecondsAreTheGpusClaimedTimesTheSecondsRun() {
        assertThat(ended(3, 2500).gpuSeconds()).isEqualTo(7.5);
    }

    @Test
    void aJobWithoutGpusOrNotEndedHasNone() {
        assertThat(ended(0, 60_000).gpuSeconds()).isZero();
        JobRecord running = new JobRecord(JobId.random(), spec(2), "alice", JobState.RUNNING, 1, Optional.of(NodeId.of("n")), START,
                Optional.of(START), Optional.empty(), Optional.empty(), Bytes.EMPTY, "", java.time.Duration.ZERO);
        assertThat(running.gpuSeconds()).isZero();
    }

    @Test
    void aGpuModelWithoutGpusIsRefused() {
        assertThatThrownBy(() -> new ResourceRequest(0, 0, 0, "a100")).hasMessageContaining("without gpus");
        assertThatThrownBy(() -> ResourceRequest.NONE.withGpus(ResourceRequest.MAX_GPUS + 1)).hasMessageContaining("at most");
    }

    private static JobRecord ended(int gpus, long millis) {
        return new JobRecord(JobId.random(), spec(gpus), "alice", JobState.SUCCEEDED, 1, Optional.of(NodeId.of("n")), START,
                Optional.of(START), Optional.of(START.plusMillis(millis)), Optional.of(0), Bytes.EMPTY, "", java.time.Duration.ZERO);
    }

    private static JobSpec spec(int gpus) {
        return JobSpec.of("true").withResources(ResourceRequest.NONE.withGpus(gpus));
    }
}
