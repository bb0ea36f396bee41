package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A worker's own ceilings on every job, through a real hub and worker with real processes. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkerCeilingTest {
    @Test
    void aWorkersCpuTimeCeilingStopsABusyJobWithAReasonThatSaysSo(@TempDir Path dir) throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = pool.admin()) {
            NodeId capped = pool.enrollWorker("capped", "process", Map.of("max-cpu-time", "1s"));

            RunResult spun = admin.run(JobSpec.of("sh", "-c", "while :; do :; done").withTarget(NodeSelector.named(capped))
                    .withTimeout(Duration.ofSeconds(60)));

            assertThat(spun.state()).isEqualTo(JobState.FAILED);
            assertThat(spun.reason()).contains("exceeded its CPU time limit of 1s");
        }
    }
}
