package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.UserUsage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.WireResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU job whose worker is lost and that runs again elsewhere counts the GPU time of both attempts: in its job
 * record, in the per-user metric's observer and in each user's usage. Real TLS, workers driven message by message and
 * a manual clock, so the figures are exact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GpuTimeAcrossAttemptsTest {
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final WireResources TWO_GPUS = WireResources.from(new NodeResources(4, 0.1, 8L << 30, 4L << 30, 100L << 30, 50L << 30,
            List.of(new NodeResources.Gpu(0, "GPU-0", "NVIDIA", "NVIDIA L4", 1L << 30, 0, 0.0, 30),
                    new NodeResources.Gpu(1, "GPU-1", "NVIDIA", "NVIDIA L4", 1L << 30, 0, 0.0, 30))));

    @TempDir
    Path dataDir;

    @TempDir
    Path workersDir;

    private final Map<String, Double> gpuTimeObserved = new ConcurrentHashMap<>();
    private TlsHubFixture fixture;
    private PoolClient admin;

    @BeforeEach
    void startHub() {
        HubObserver counting = new HubObserver() {
            @Override
            public void gpuTimeUsed(String owner, double gpuSeconds) {
                gpuTimeObserved.merge(owner, gpuSeconds, Double::sum);
            }
        };
        fixture = TlsHubFixture.observed(dataDir, store -> counting, c -> c.withHeartbeats(Duration.ofMillis(100), GRACE), b -> b);
        admin = fixture.track(fixture.admin());
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void theGpuTimeOfALostAttemptIsAddedToThatOfTheNext() {
        RawWorker dead = gpuWorker("w1");
        JobId job = admin.submit(JobSpec.of("train").withResources(ResourceRequest.NONE.withGpus(2)).withRetries(1));
        JobMessage.Task first = dead.expectTask();
        awaitStored(job, j -> j.state() == JobState.RUNNING);
        dead.disconnect();
        fixture.clock.advance(GRACE.plusSeconds(1));
        JobRecord waiting = awaitStored(job, j -> j.state() == JobState.QUEUED && j.attempt() == 2);
        assertThat(waiting.earlierGpuTime()).as("two GPUs held for the 16 s until the attempt was given up").isEqualTo(Duration.ofSeconds(32));

        RawWorker second = gpuWorker("w2");
        JobMessage.Task retry = second.expectTask();
        awaitStored(job, j -> j.state() == JobState.RUNNING);
        fixture.clock.advance(Duration.ofSeconds(5));
        second.send(new JobMessage.Result(retry.jobId(), retry.attempt(), "SUCCEEDED", true, 0, false, ""));

        JobRecord done = awaitStored(job, j -> j.state().isFinal());
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(done.gpuSeconds()).isEqualTo(32.0 + 10.0);
        assertThat(admin.job(job).gpuSeconds()).isEqualTo(42.0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gpuTimeObserved).containsEntry("admin", 42.0));
        assertThat(admin.usage()).containsExactly(new UserUsage("admin", 42.0));
    }

    private RawWorker gpuWorker(String name) {
        RawWorker worker = RawWorker.enrolled(fixture, admin, workersDir.resolve(name));
        worker.registerWith(TWO_GPUS);
        return worker;
    }

    private JobRecord awaitStored(JobId job, Predicate<JobRecord> condition) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> fixture.store.jobs().find(job).orElseThrow(), condition::test);
    }
}
